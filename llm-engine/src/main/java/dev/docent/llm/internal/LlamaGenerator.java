package dev.docent.llm.internal;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.llm.GeneratorBusyException;
import dev.docent.llm.LlamaOptions;
import dev.docent.llm.ModelLoadException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Generator} whose llama.cpp context lives on one platform thread, as llama.h requires.
 * Callers hand in jobs through a bounded queue (its bound is the back-pressure) and receive text
 * through their callback, invoked on the generator thread: a callback must return quickly (append
 * to a buffer, never write to a socket), since every waiting caller waits on it. Cancellation is
 * honoured in every state: waiting in the queue, decoding the prompt, generating.
 *
 * <p>Templating and tokenization run on the callers' threads (llama.cpp allows that) while
 * {@link #close()} frees the model on the generator thread; a read/write lock keeps the two apart,
 * as in the embedder: every call after close throws {@link IllegalStateException}.
 */
public final class LlamaGenerator implements Generator {

    private static final Logger log = LoggerFactory.getLogger(LlamaGenerator.class);
    /** How long {@link #close()} waits for the running request to reach its next step. */
    private static final long CLOSE_WAIT_MILLIS = 30_000;

    private record Job(int[] prompt, GenerationRequest request, Consumer<String> onText, BooleanSupplier cancelled,
            CompletableFuture<Completion> result) {}

    private static final Job STOP = new Job(null, null, null, null, null);

    private final BlockingQueue<Job> queue;
    private final Thread thread;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private volatile LlamaModel model;
    private volatile LlamaSession session;
    private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();
    private boolean closed; // guarded by inUse

    public LlamaGenerator(LlamaOptions options) {
        this.queue = new ArrayBlockingQueue<>(Math.max(1, options.queueCapacity()));
        this.thread = Thread.ofPlatform().name("docent-llm").daemon().start(() -> run(options));
        try {
            loaded.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new ModelLoadException(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException("interrupted while loading the model", e);
        }
    }

    private void run(LlamaOptions options) {
        try {
            model = LlamaModel.load(options.model(), options.gpuLayers());
            int ctx = Math.min(options.contextSize(), Math.max(64, model.trainedContext()));
            session = new LlamaSession(model, ctx, options.threads(), options.sampling());
            loaded.complete(null);
        } catch (RuntimeException | Error e) {
            // Any failure ends the constructor's wait (an Error would otherwise leave it waiting forever).
            if (model != null) model.close();
            loaded.completeExceptionally(e);
            return;
        }
        try {
            for (Job job = take(); job != STOP; job = take()) {
                try {
                    GenerationRequest r = job.request();
                    int max = Math.min(r.maxTokens(), session.contextSize() - job.prompt().length);
                    session.useSampling(r.sampling() != null ? r.sampling() : options.sampling());
                    job.result().complete(session.generate(job.prompt(), max, r.stop(), job.onText(), job.cancelled()));
                } catch (RuntimeException | Error e) {
                    job.result().completeExceptionally(e);
                }
            }
        } finally {
            session.close();
            model.close();
        }
    }

    private Job take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // only close() stops this thread, through STOP
            }
        }
    }

    @Override
    public Completion chat(GenerationRequest request, Consumer<String> onText, BooleanSupplier cancelled) {
        var interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        BooleanSupplier stop = () -> interrupted.get() || cancelled.getAsBoolean();
        // Queued under the read lock: close() then either sees the job in the queue (and fails it)
        // or this call sees the generator closed. No job is left in a queue nobody reads.
        Job job = whileOpen(() -> {
            int[] prompt = model.tokenizeChat(request.messages(), true);
            if (prompt.length + 1 >= session.contextSize()) {
                throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens; the context holds "
                        + session.contextSize());
            }
            var queued = new Job(prompt, request, onText, stop, new CompletableFuture<>());
            if (!queue.offer(queued)) {
                throw new GeneratorBusyException("the model is busy with " + queue.size()
                        + " waiting questions; retry shortly");
            }
            return queued;
        });
        try {
            return await(job, cancelled);
        } catch (InterruptedException e) {
            interrupted.set(true); // stops this job only, at its next token or decode step
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Waits for {@code job}'s result. A job cancelled while it still waits in the queue is taken
     * out of it and answered at once: the caller does not wait for the requests ahead of it. (Once
     * the generator thread holds the job, the session itself checks the flag at every decode step.)
     */
    private Completion await(Job job, BooleanSupplier cancelled) throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        while (true) {
            try {
                return job.result().get(QUEUE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (cancelled.getAsBoolean() && queue.remove(job)) {
                    return new Completion("", Completion.FinishReason.CANCELLED, job.prompt().length, 0,
                            0, (System.nanoTime() - start) / 1_000_000, 0);
                }
            }
        }
    }

    /** How often a queued request checks whether it was cancelled. */
    private static final long QUEUE_POLL_MILLIS = 10;

    @Override
    public String modelName() {
        return model.displayName();
    }

    @Override
    public int contextSize() {
        return session.contextSize();
    }

    @Override
    public int countTokens(String text) {
        return whileOpen(() -> model.tokenize(text, false, false).length);
    }

    @Override
    public int templateOverhead(List<ChatMessage> messages) {
        return whileOpen(() -> {
            int contents = messages.stream().mapToInt(m -> model.tokenize(m.content(), false, false).length).sum();
            int whole = model.tokenizeChat(messages, true).length;
            return Math.max(0, whole - contents);
        });
    }

    /** Runs {@code work}, which uses the model, unless the generator is closed; close() waits for it. */
    private <T> T whileOpen(Supplier<T> work) {
        inUse.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("the generator was closed (" + model.displayName() + ")");
            return work.get();
        } finally {
            inUse.readLock().unlock();
        }
    }

    /**
     * Refuses new calls (waiting for templating and token counting under way), fails the waiting
     * requests, stops the running one at its next token or decode step, and returns when the
     * generator thread has freed the context and the model. Closing again does nothing more.
     */
    @Override
    public void close() {
        inUse.writeLock().lock();
        boolean first;
        try {
            first = !closed;
            closed = true;
        } finally {
            inUse.writeLock().unlock();
        }
        if (first) {
            session.shutDown(); // never reset: a job the thread has just taken stops at its first step
            List<Job> waiting = new java.util.ArrayList<>();
            queue.drainTo(waiting); // nothing is added any more: chat() queues only while open
            waiting.forEach(j -> j.result().completeExceptionally(new IllegalStateException("the generator was closed")));
            queue.add(STOP);
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // The thread frees the model itself once the callback returns: nothing is used after free.
            log.warn("The language model is still busy {} ms after close (a text callback that blocks?);"
                    + " it is freed when that request returns", CLOSE_WAIT_MILLIS);
        }
    }
}
