package dev.docent.assistant;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where start-up time goes, as one INFO line in the log: the JVM's own start (process start to
 * {@code main}), then each phase Docent marks. docs/benchmarks.md quotes it; {@code --verbose}
 * shows it on the terminal.
 */
public final class StartupTimer {

    private static final Logger log = LoggerFactory.getLogger(StartupTimer.class);
    private static final List<String> phases = new ArrayList<>();
    private static long last;

    private StartupTimer() {}

    /**
     * Called first thing in {@code main}: the time since the launcher started the JVM, which it
     * passes as {@code -Ddocent.launched_at} (epoch milliseconds). The process's own start time is
     * no use here: Linux reports it against a boot time rounded to the second.
     */
    public static synchronized void mainStarted() {
        last = System.nanoTime();
        String launched = System.getProperty("docent.launched_at");
        if (launched != null && launched.matches("\\d{13}")) {
            phases.add("JVM start to main " + (System.currentTimeMillis() - Long.parseLong(launched)) + " ms");
        }
    }

    /** Ends the phase named {@code what}, begun at the previous mark. */
    public static synchronized void mark(String what) {
        long now = System.nanoTime();
        if (last != 0) phases.add(what + " " + (now - last) / 1_000_000 + " ms");
        last = now;
    }

    /** Logs the phases so far as one line and starts over. */
    public static synchronized void report(String what) {
        mark(what);
        log.info("Start-up: {}", String.join(", ", phases));
        phases.clear();
    }
}
