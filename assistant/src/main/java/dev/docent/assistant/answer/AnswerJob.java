package dev.docent.assistant.answer;

import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer being produced on its own thread: its id (for Stop), its text as it forms (through a
 * {@link TokenBuffer} the client's thread drains), and its result. Cancellable in every stage:
 * retrieving, waiting for the model, decoding the prompt, generating.
 */
public final class AnswerJob {

    private static final Logger log = LoggerFactory.getLogger(AnswerJob.class);

    private final String id;
    private final Question question;
    private final TokenBuffer text = new TokenBuffer();
    private final CompletableFuture<Answer> result = new CompletableFuture<>();
    private volatile long cancelledAt; // System.nanoTime() of the first cancel, 0 if none

    AnswerJob(String id, Question question) {
        this.id = id;
        this.question = question;
    }

    public String id() {
        return id;
    }

    public Question question() {
        return question;
    }

    /** Asks the answer to stop; it ends soon after with what it has, noted as cancelled. */
    public void cancel() {
        if (cancelledAt == 0) cancelledAt = System.nanoTime();
    }

    public boolean isCancelled() {
        return cancelledAt != 0;
    }

    /** See {@link TokenBuffer#take}: text since the last call, "" on timeout, null when the answer is complete. */
    public String nextText(long timeoutMillis) throws InterruptedException {
        return text.take(timeoutMillis);
    }

    /**
     * See {@link TokenBuffer#takePieces}: text and progress reports since the last call, in order;
     * empty on timeout, null when the answer is complete.
     */
    public java.util.List<TokenBuffer.Piece> nextPieces(long timeoutMillis) throws InterruptedException {
        return text.takePieces(timeoutMillis);
    }

    /** True once the answer is complete (or failed), waiting up to {@code timeoutMillis}. */
    public boolean awaitDone(long timeoutMillis) throws InterruptedException {
        try {
            result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
        return true;
    }

    /**
     * The finished answer, waiting for it if need be. Rethrows what stopped it (for instance
     * {@link dev.docent.llm.GeneratorBusyException} when the model's queue is full).
     */
    public Answer answer() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs the answer on the calling thread (a thread of its own, started by {@link AnswerJobs});
     * {@code ending} runs just before the result is published, so a finished answer is never
     * still listed as running; {@code onAnswered} then sees the answer before anyone else does (its
     * failure is logged, and the answer still delivered).
     */
    void run(Answerer answerer, Runnable ending, java.util.function.Consumer<Answer> onAnswered) {
        try {
            Answer a;
            try {
                a = answerer.answer(question, text::add, text::progress, this::isCancelled);
            } finally {
                ending.run();
            }
            long stopped = cancelledAt;
            if (stopped != 0 && a.timings() instanceof LinkedHashMap<String, Number> timings) {
                // How long the answer ran on after Stop: the number people feel.
                timings.put("cancel_to_end_ms", Math.max(0, (System.nanoTime() - stopped) / 100_000) / 10.0);
            }
            try {
                onAnswered.accept(a);
            } catch (RuntimeException e) {
                log.warn("After answer {}: {}", id, e.getMessage(), e);
            }
            result.complete(a);
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        } finally {
            text.close();
        }
    }
}
