package dev.docent.assistant.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Answer text on its way from the generator to one client. The generator's thread only appends
 * (never blocks, never touches a socket); the client's own thread takes whatever has accumulated
 * and writes it at its own pace. A slow client therefore gets fewer, larger pieces and delays no
 * one else. Memory is bounded by one answer's text, which the answer-token limit bounds, plus its
 * {@link Progress} reports, which the steps of an answer bound (a candidate check reports once per
 * document checked, at most {@code ask.collection_check_documents}).
 */
public final class TokenBuffer {

    /** Text, or a progress report, in the order the answer produced them. */
    public record Piece(String text, Progress progress) {

        public boolean isText() {
            return text != null;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** StringBuilders (consecutive text, merged) and Progress reports, in order. */
    private final List<Object> pending = new ArrayList<>();
    private boolean closed;

    /** Appends a piece of text (the producer's side; returns at once). */
    public void add(String piece) {
        if (piece.isEmpty()) return;
        lock.lock();
        try {
            if (!pending.isEmpty() && pending.getLast() instanceof StringBuilder last) {
                last.append(piece);
            } else {
                pending.add(new StringBuilder(piece));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Appends a progress report after the text so far (the producer's side; returns at once). */
    public void progress(Progress p) {
        lock.lock();
        try {
            pending.add(p);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more text will come. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for text and returns all that accumulated since the last
     * call: "" when none arrived in time, null once the buffer is closed and empty. Progress
     * reports are passed over (for clients that show text only).
     */
    public String take(long timeoutMillis) throws InterruptedException {
        List<Piece> pieces = takePieces(timeoutMillis);
        if (pieces == null) return null;
        StringBuilder text = new StringBuilder();
        for (Piece p : pieces) {
            if (p.isText()) text.append(p.text());
        }
        return text.toString();
    }

    /**
     * As {@link #take}, keeping the progress reports in their place between the text: waits up to
     * {@code timeoutMillis}, returns what accumulated (empty on timeout), null once closed and empty.
     */
    public List<Piece> takePieces(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (pending.isEmpty() && !closed && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            if (pending.isEmpty()) return closed ? null : List.of();
            List<Piece> out = new ArrayList<>(pending.size());
            for (Object o : pending) {
                out.add(o instanceof StringBuilder sb ? new Piece(sb.toString(), null) : new Piece(null, (Progress) o));
            }
            pending.clear();
            return out;
        } finally {
            lock.unlock();
        }
    }
}
