package dev.docent.assistant.answer;

import dev.docent.llm.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The language model answers are written with, which may change while Docent runs (the UI's model
 * picker). Each answer {@linkplain #acquire() leases} the current generator for its whole run, so
 * a switch never pulls a llama.cpp context from under an answer: a replaced generator is closed
 * only when the last answer holding it has finished. While a new model loads, answers are
 * extractive ({@link #suspend()}): the answer a user gets right after picking a model never comes
 * from the model they just left.
 */
public final class ActiveModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ActiveModel.class);

    /** One answer's hold on a generator (null: answer extractively). Close it when the answer is done. */
    public final class Lease implements AutoCloseable {
        private final Slot slot;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        private Lease(Slot slot) {
            this.slot = slot;
        }

        /** The generator to use, or null for an extractive answer. */
        public Generator generator() {
            return slot == null ? null : slot.generator;
        }

        @Override
        public void close() {
            if (slot != null && closed.compareAndSet(false, true)) release(slot);
        }
    }

    private static final class Slot {
        final Generator generator;
        int users;
        boolean retired;

        Slot(Generator generator) {
            this.generator = generator;
        }
    }

    private Slot current;
    private boolean suspended;
    private final List<CompletableFuture<Void>> closing = new ArrayList<>();
    /** Replaced generators that answers still hold. */
    private final List<Slot> draining = new ArrayList<>();

    private ActiveModel(Generator generator) {
        this.current = generator == null ? null : new Slot(generator);
    }

    /** Starts with {@code generator} (null: extractive answers). */
    public static ActiveModel of(Generator generator) {
        return new ActiveModel(generator);
    }

    /** The generator for one answer; null while none is loaded or a new one is loading. */
    public synchronized Lease acquire() {
        if (suspended || current == null) return new Lease(null);
        current.users++;
        return new Lease(current);
    }

    /**
     * The current generator, for its name and sizes only: to generate, {@link #acquire()} it, or
     * it may be closed under you. Null when none is loaded.
     */
    public synchronized Generator current() {
        return current == null ? null : current.generator;
    }

    /** True while new answers are extractive because a new model is loading. */
    public synchronized boolean suspended() {
        return suspended;
    }

    /** New answers are extractive until {@link #replace} or {@link #resume}; answers running go on. */
    public synchronized void suspend() {
        suspended = true;
    }

    /** Undoes {@link #suspend()}: the current generator answers again (a new model failed to load). */
    public synchronized void resume() {
        suspended = false;
    }

    /**
     * Makes {@code next} (null: none) the generator for new answers and ends any suspension; the
     * previous one is closed once the answers holding it have finished.
     */
    public void replace(Generator next) {
        Slot old;
        synchronized (this) {
            old = current;
            current = next == null ? null : new Slot(next);
            suspended = false;
            if (old == null) return;
            old.retired = true;
            if (old.users > 0) {
                draining.add(old); // the last answer on it closes it
                return;
            }
        }
        closeLater(old);
    }

    private void release(Slot slot) {
        synchronized (this) {
            slot.users--;
            if (!slot.retired || slot.users > 0 || !draining.remove(slot)) return;
        }
        closeLater(slot);
    }

    /** Closes on a thread of its own: a finished answer is not held up by freeing the model it used. */
    private void closeLater(Slot slot) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            closing.removeIf(CompletableFuture::isDone);
            closing.add(done);
        }
        Thread.ofVirtual().name("docent-llm-close").start(() -> {
            try {
                slot.generator.close();
                log.info("Closed the previous language model, {}", slot.generator.modelName());
            } catch (RuntimeException e) {
                log.warn("Closing the previous language model failed: {}", e.toString());
            } finally {
                done.complete(null);
            }
        });
    }

    /** Waits until every replaced generator has been closed (tests; shutdown). */
    public void awaitClosed(long timeoutMillis) throws InterruptedException {
        List<CompletableFuture<Void>> pending;
        synchronized (this) {
            pending = List.copyOf(closing);
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            log.warn("A replaced language model did not close within {} ms", timeoutMillis);
        }
    }

    /** True when no replaced generator is waiting for its answers to end or being closed. */
    public synchronized boolean nothingToClose() {
        closing.removeIf(CompletableFuture::isDone);
        return closing.isEmpty() && draining.isEmpty();
    }

    /**
     * Closes the current generator and the replaced ones answers still hold, now (their running
     * answers stop at their next step, as at shutdown), then waits a little for those being closed.
     */
    @Override
    public void close() {
        List<Slot> now = new ArrayList<>();
        synchronized (this) {
            if (current != null) now.add(current);
            now.addAll(draining);
            draining.clear();
            current = null;
        }
        for (Slot s : now) s.generator.close();
        try {
            awaitClosed(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
