package dev.docent.indexer.extract;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets the per-file time limit tell a long file that is getting on from a parser that is stuck.
 * A scanned book OCR'd at ~2 s a page needs minutes, more than any sensible limit for one file,
 * yet each page is progress. Whoever limits a file's time runs its extraction inside
 * {@link #around}, and extraction calls {@link #beat} after each unit of work (a PDF's pages, each
 * OCR'd page); the limit then counts from the last beat. Parsers that never beat (Tika's) are held
 * to the limit from the start, as before.
 *
 * <p>A thread-local, so that the extractors' signatures stay as they are: the one thread that reads
 * a file is the one that beats.
 */
public final class ExtractionHeartbeat {

    private static final ThreadLocal<AtomicLong> CURRENT = new ThreadLocal<>();

    private ExtractionHeartbeat() {}

    /** Runs {@code task} on this thread; each {@link #beat} in it stores {@link System#nanoTime} in {@code lastBeat}. */
    public static <T> T around(AtomicLong lastBeat, Callable<T> task) throws Exception {
        CURRENT.set(lastBeat);
        try {
            return task.call();
        } finally {
            CURRENT.remove();
        }
    }

    /** Notes progress on this thread's file (nothing outside {@link #around}). */
    public static void beat() {
        AtomicLong last = CURRENT.get();
        if (last != null) last.set(System.nanoTime());
    }
}
