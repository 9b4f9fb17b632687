package dev.docent.indexer.extract;

import java.util.concurrent.Callable;

/**
 * Progress from inside one file's extraction. It lets the per-file time limit tell a long file
 * that is getting on from a parser that is stuck: a scanned book OCR'd at ~2 s a page needs
 * minutes, more than any sensible limit for one file, yet each page is progress. And it lets the
 * status say what a long extraction is doing ("OCR of page 37 of 200").
 *
 * <p>Whoever limits a file's time runs its extraction inside {@link #around} with a {@link Pulse};
 * extraction calls {@link #beat} at each unit of work (a PDF's pages, each page it OCRs), and the
 * limit counts from the last beat. Parsers that never beat (Tika's) are held to the limit from the
 * start. A thread-local, so that the extractors' signatures stay as they are: the one thread that
 * reads a file is the one that beats.
 */
public final class ExtractionHeartbeat {

    private static final ThreadLocal<Pulse> CURRENT = new ThreadLocal<>();

    private ExtractionHeartbeat() {}

    /** One file's progress: when it last moved on, and what it is doing now. */
    public static final class Pulse {
        private final long startedNanos = System.nanoTime();
        private volatile long lastNanos = startedNanos;
        private volatile String doing;
        private volatile long beats;

        /** How many times the extraction beat (only the reading thread writes it). */
        public long beats() {
            return beats;
        }

        /** {@link System#nanoTime} at the last beat, or at the start. */
        public long lastNanos() {
            return lastNanos;
        }

        /** Whether anything beat since the start. */
        public boolean beaten() {
            return lastNanos != startedNanos;
        }

        /** What the extraction said it is doing at its last beat, or null. */
        public String doing() {
            return doing;
        }
    }

    /** Runs {@code task} on this thread, each {@link #beat} in it moving {@code pulse} on. */
    public static <T> T around(Pulse pulse, Callable<T> task) throws Exception {
        CURRENT.set(pulse);
        try {
            return task.call();
        } finally {
            CURRENT.remove();
        }
    }

    /** Notes progress on this thread's file, and what it does next (nothing outside {@link #around}). */
    public static void beat(String doing) {
        Pulse p = CURRENT.get();
        if (p == null) return;
        p.doing = doing;
        p.beats++;
        p.lastNanos = System.nanoTime();
    }
}
