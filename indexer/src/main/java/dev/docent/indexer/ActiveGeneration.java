package dev.docent.indexer;

import java.util.ArrayList;
import java.util.List;

/**
 * The generation that answers searches, handed out as {@link IndexLease}s. It exists so that a
 * generation switch never closes an index or a catalog under someone reading it: the writer's
 * switch ({@link #replace}) makes the new generation answer, then waits until the last lease on
 * the old one is closed; a read-only indexer that follows a writer's switch ({@link
 * #replaceWhenReleased}) does not wait (its caller may hold a lease itself) and leaves the old
 * generation to be closed by its last lease.
 *
 * <p>Locking: this object's monitor, and nothing else. It guards every field; waiting is {@code
 * wait}/{@code notifyAll} on it; nothing is opened or closed while it is held. Taking a lease never
 * waits, not even while a switch waits for the old generation's leases: new leases get the new one.
 */
final class ActiveGeneration {

    /** One generation and the leases on it; its counters are guarded by the enclosing monitor. */
    static final class Slot {
        final OpenGeneration open;
        int leases;
        /** Replaced by a reader's follow: its last lease closes it. */
        boolean closeOnRelease;

        private Slot(OpenGeneration open) {
            this.open = open;
        }
    }

    private Slot current;
    /** Generations a reader's follow replaced that leases still hold. */
    private final List<Slot> draining = new ArrayList<>();
    private boolean closed;

    ActiveGeneration(OpenGeneration first) {
        this.current = new Slot(first);
    }

    /** The generation that answers now, for its name and recipe; to read its index or catalog, {@link #lease()} it. */
    synchronized OpenGeneration current() {
        return current.open;
    }

    /** A hold on the generation that answers now, until the lease is closed. Never waits. */
    synchronized IndexLease lease() {
        current.leases++;
        return new IndexLease(this, current);
    }

    /** Called once per lease, by {@link IndexLease#close()}. */
    void release(Slot slot) {
        synchronized (this) {
            slot.leases--;
            if (slot.leases > 0) return;
            notifyAll(); // a switch may be waiting for this generation's last lease
            if (!slot.closeOnRelease || !draining.remove(slot)) return;
        }
        slot.open.close();
    }

    /**
     * Makes {@code next} answer, waits until no lease holds the generation it replaced, and returns
     * that one for the caller to close and delete. Not interruptible (an interrupt is kept for
     * later), like the write lock it replaces; it stops waiting when {@link #close()} runs, as
     * shutdown closes indexes under their users anyway. A thread holding a lease must not call it:
     * it would wait for itself.
     */
    OpenGeneration replace(OpenGeneration next) {
        boolean interrupted = false;
        Slot old;
        synchronized (this) {
            old = current;
            current = new Slot(next);
            while (old.leases > 0 && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return old.open;
    }

    /**
     * Makes {@code next} answer without waiting: the generation it replaced is closed now if no
     * lease holds it, else by its last lease.
     */
    void replaceWhenReleased(OpenGeneration next) {
        Slot old;
        synchronized (this) {
            old = current;
            current = new Slot(next);
            if (old.leases > 0) {
                old.closeOnRelease = true;
                draining.add(old);
                return;
            }
        }
        old.open.close();
    }

    /**
     * Closes the generation that answers and those that leases still hold (shutdown: their users'
     * next reads fail), and ends a switch's wait.
     */
    void close() {
        List<Slot> now;
        synchronized (this) {
            closed = true;
            now = new ArrayList<>(draining);
            now.addFirst(current);
            draining.clear();
            notifyAll();
        }
        RuntimeException failed = null;
        for (Slot s : now) { // each one, even when another fails
            try {
                s.open.close();
            } catch (RuntimeException e) {
                if (failed == null) failed = e;
                else failed.addSuppressed(e);
            }
        }
        if (failed != null) throw failed;
    }
}
