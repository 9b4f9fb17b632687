package dev.docent.cli;

import dev.docent.assistant.Logging;

/**
 * A child JVM for {@link LauncherTest}: sets up Docent's terminal logging, then prints on stderr
 * from a shutdown hook that runs after the log manager has closed its handlers.
 */
public final class LateStderrChild {

    private LateStderrChild() {}

    public static void main(String[] args) {
        Logging.toTerminal(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(300); // the log manager's own hook has closed its handlers by now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.err.println("late line");
        }));
        System.exit(0);
    }
}
