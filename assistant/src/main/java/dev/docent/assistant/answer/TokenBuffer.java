package dev.docent.assistant.answer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Answer text on its way from the generator to one client. The generator's thread only appends
 * (never blocks, never touches a socket); the client's own thread takes whatever has accumulated
 * and writes it at its own pace. A slow client therefore gets fewer, larger pieces and delays no
 * one else. Memory is bounded by one answer's text, which the answer-token limit bounds.
 */
public final class TokenBuffer {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final StringBuilder pending = new StringBuilder();
    private boolean closed;

    /** Appends a piece of text (the producer's side; returns at once). */
    public void add(String piece) {
        if (piece.isEmpty()) return;
        lock.lock();
        try {
            pending.append(piece);
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
     * call: "" when none arrived in time, null once the buffer is closed and empty.
     */
    public String take(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (pending.isEmpty() && !closed && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            if (pending.isEmpty()) return closed ? null : "";
            String text = pending.toString();
            pending.setLength(0);
            return text;
        } finally {
            lock.unlock();
        }
    }
}
