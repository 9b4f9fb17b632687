package dev.docent.indexer.halt;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a crash test may stop the writer dead. Each call names a place in the writing of an index
 * where a crash leaves an intermediate state on disk that the next open must repair or ignore
 * (see docs/DESIGN.md, "Crash points"). With {@code -Ddocent.test.halt=NAME} or {@code NAME:N} the
 * JVM halts ({@link Runtime#halt}: no shutdown hook, no close, no flush, as kill -9) the Nth time
 * (default first) it reaches the point NAME, after printing {@link #MARK}{@code NAME:N} on stderr so
 * the test can tell a death at the point from a death elsewhere, and a point removed or renamed
 * from one that was never reached.
 *
 * <p>Why in production code: a kill from outside the process cannot be timed to land between two
 * statements microseconds apart, and these in-between states are exactly where the crash-safety
 * argument could be wrong. What it costs when off: the property is read once into a static final
 * field, so {@link #reach} is a test of that field for null (a constant to the JIT), reached a few
 * times per commit or per deleted file, each beside an fsync or a file deletion. Nothing but the
 * crash tests' child JVMs sets the property; Nth arrivals are counted for the armed point only.
 */
public final class HaltPoints {

    /** The system property that arms one point: {@code NAME} or {@code NAME:N}. */
    public static final String PROPERTY = "docent.test.halt";
    /** The exit status of a JVM halted at a point (distinct from a crash's or a kill's). */
    public static final int EXIT_CODE = 77;
    /** Printed on stderr, followed by {@code NAME:N}, just before the halt. */
    public static final String MARK = "DOCENT-HALT-POINT ";

    /** Between Lucene's prepareCommit (pending segments written and fsynced) and its commit. */
    public static final String LUCENE_PREPARED = "lucene-prepared";
    /** After the Lucene commit of a batch, before the catalog transaction that records it. */
    public static final String LUCENE_COMMITTED = "lucene-committed";
    /** Inside the catalog transaction of a batch, every statement run, before SQLite's commit. */
    public static final String CATALOG_TRANSACTION = "catalog-transaction";
    /** A shared index's writer: the catalog transaction of a batch committed, its rows not yet published. */
    public static final String CATALOG_COMMITTED = "catalog-committed";
    /** The new generation pointer written and fsynced under its temporary name, not yet renamed. */
    public static final String POINTER_TEMP_WRITTEN = "pointer-temp-written";
    /** Right after the pointer's rename, before the directory's fsync and anything else. */
    public static final String POINTER_RENAMED = "pointer-renamed";
    /** After each file of an old generation is deleted (the Nth: N files gone, the rest still there). */
    public static final String GENERATION_DELETING = "generation-deleting";

    private static final String TARGET;
    private static final int OCCURRENCE;

    static {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isBlank()) {
            TARGET = null;
            OCCURRENCE = 0;
        } else {
            int colon = spec.lastIndexOf(':');
            TARGET = colon < 0 ? spec.strip() : spec.substring(0, colon).strip();
            OCCURRENCE = colon < 0 ? 1 : Integer.parseInt(spec.substring(colon + 1).strip());
        }
    }

    private static final AtomicInteger reached = new AtomicInteger();

    private HaltPoints() {}

    /** Halts the JVM here if the property names this point and this is its Nth arrival; else nothing. */
    public static void reach(String name) {
        if (TARGET != null && TARGET.equals(name)) arrive(name);
    }

    private static void arrive(String name) {
        int n = reached.incrementAndGet();
        if (n < OCCURRENCE) return;
        System.err.println(MARK + name + ":" + n);
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
