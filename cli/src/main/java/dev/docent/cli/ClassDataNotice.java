package dev.docent.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says why the first run after a build takes a few seconds more to end. The launcher has the JVM
 * archive the classes a command loaded (class-data sharing: later starts map the archive instead
 * of loading classes, about a second faster), and the JVM writes that archive as it exits, after
 * Docent itself has stopped: 80 MB and about 6 s for {@code serve} on 2 cores. The launcher sets
 * {@code docent.cds_first_run} when the archive does not exist yet. Printed just before
 * {@code System.exit} (by {@code Main}, or by {@link OrderlyExit} on a signal) rather than from a
 * shutdown hook: hooks run beside one another in no set order, the log manager's among them.
 */
public final class ClassDataNotice {

    static final String MESSAGE = "docent: saving start-up data so that the next start is faster"
            + " (once after each build, a few seconds)";
    private static final AtomicBoolean printed = new AtomicBoolean();

    private ClassDataNotice() {}

    /** Prints {@link #MESSAGE} on stderr once, if this run writes the archive as it exits. */
    public static void beforeExit() {
        if (Boolean.getBoolean("docent.cds_first_run") && printed.compareAndSet(false, true)) {
            System.err.println(MESSAGE);
            System.err.flush();
        }
    }
}
