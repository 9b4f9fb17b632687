package dev.docent.assistant;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Where the runnable Docent's log lines go. SLF4J is bound to java.util.logging (slf4j-jdk14), so
 * Docent, Jetty, Tika, PDFBox and Lucene (which logs through JUL itself) share one configuration:
 * the terminal gets warnings and errors only ({@code --verbose}: everything), and a file under the
 * data directory, {@code logs/docent.N.log} (3 × 5 MB, rotating), gets everything from INFO up.
 * Parser libraries are quiet about broken files that Docent already reports per file.
 */
public final class Logging {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    /** Libraries whose INFO/WARN about a bad input file would only repeat Docent's own report. */
    private static final Map<String, Level> QUIET = Map.of(
            "org.apache.pdfbox", Level.OFF, "org.apache.fontbox", Level.SEVERE, "org.apache.poi", Level.SEVERE,
            "org.apache.tika", Level.SEVERE, "ai.djl", Level.WARNING, "ai.djl.util.cuda", Level.SEVERE,
            "org.eclipse.jetty", Level.WARNING, "io.javalin", Level.WARNING);
    private static volatile Handler file;
    /** JUL holds loggers weakly: without these references a level set here can be collected away. */
    private static final java.util.List<Logger> configured = new java.util.ArrayList<>();

    private Logging() {}

    /** Binds SLF4J to JUL and sends WARN and above (everything if {@code verbose}) to stderr. */
    public static synchronized void toTerminal(boolean verbose) {
        // Named, not discovered: no "multiple providers" notice when a test classpath has several.
        System.setProperty("slf4j.provider", "org.slf4j.jul.JULServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN"); // else SLF4J says which provider it loaded
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(verbose ? Level.FINE : Level.INFO);
        QUIET.forEach((name, level) -> {
            Logger l = Logger.getLogger(name);
            l.setLevel(level);
            configured.add(l);
        });
        Handler terminal = new StreamHandler(System.err, new Line(TIME)) {
            @Override
            public synchronized void publish(LogRecord r) {
                super.publish(r);
                flush(); // a warning must not sit in a buffer while a progress bar redraws
            }

            /**
             * Flushes and leaves stderr open, as ConsoleHandler does. The log manager closes its
             * handlers in a shutdown hook, and StreamHandler's close would close System.err under
             * anything still printing at exit (a shutdown warning was lost that way).
             */
            @Override
            public synchronized void close() {
                flush();
            }
        };
        terminal.setLevel(verbose ? Level.ALL : Level.WARNING);
        root.addHandler(terminal);
    }

    /** Adds the log file under {@code dataDir/logs}; a second call (another data dir) replaces it. */
    public static synchronized void toFile(Path dataDir) {
        Logger root = Logger.getLogger("");
        try {
            Path dir = Files.createDirectories(dataDir.resolve("logs"));
            Handler h = new FileHandler(dir.resolve("docent.%g.log").toString(), 5_000_000, 3, true);
            h.setFormatter(new Line(DATE_TIME));
            h.setLevel(Level.INFO);
            if (file != null) {
                root.removeHandler(file);
                file.close();
            }
            file = h;
            root.addHandler(h);
        } catch (IOException e) {
            Logger.getLogger(Logging.class.getName()).warning("Cannot write the log file under " + dataDir + ": " + e.getMessage());
        }
    }

    /** {@code 12:03:55 WARN Indexer - message}, then the stack trace if there is one. */
    private static final class Line extends Formatter {
        private final DateTimeFormatter time;

        Line(DateTimeFormatter time) {
            this.time = time;
        }

        @Override
        public String format(LogRecord r) {
            String logger = r.getLoggerName() == null ? "" : r.getLoggerName().substring(r.getLoggerName().lastIndexOf('.') + 1);
            var out = new StringBuilder().append(time.format(LocalDateTime.now())).append(' ').append(level(r.getLevel()))
                    .append(' ').append(logger).append(" - ").append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                var trace = new java.io.ByteArrayOutputStream();
                r.getThrown().printStackTrace(new PrintStream(trace, true, java.nio.charset.StandardCharsets.UTF_8));
                out.append(trace.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
            return out.toString();
        }

        private static String level(Level l) {
            if (l.intValue() >= Level.SEVERE.intValue()) return "ERROR";
            if (l.intValue() >= Level.WARNING.intValue()) return "WARN";
            if (l.intValue() >= Level.INFO.intValue()) return "INFO";
            return "DEBUG";
        }
    }
}
