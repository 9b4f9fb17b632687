package dev.docent.indexer;

import dev.docent.indexer.extract.ExtractionHeartbeat;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one file's reading on a thread of its own under a time limit, so that a parser which never
 * returns, or dies with an {@link Error} ({@link StackOverflowError}, {@link OutOfMemoryError}),
 * costs that one file: it ends failed with a reason and the queue moves on. The limit counts from
 * the start, or from the last {@link ExtractionHeartbeat#beat} when the extractor reports progress
 * (a scanned PDF, page by page).
 *
 * <p>Limit: Java cannot kill a thread. When the time is up the thread is interrupted (Docent's own
 * handler, PDF reader and hashing check for that and stop; most Tika parsers do not) and abandoned,
 * never joined. It is a daemon, so it cannot hold up shutdown, but a parser caught in a real loop
 * keeps burning one core, and holds its memory, until it ends or Docent exits. Only a separate
 * process (Tika's ForkParser or tika-pipes) could be killed; that costs a JVM beside Docent's.
 */
final class Watchdog {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final AtomicInteger threadNumber = new AtomicInteger();

    /** A result, or why there is none. */
    record Result<T>(T value, String failure) {}

    private final Duration limit;
    private final AtomicInteger abandoned = new AtomicInteger();
    private volatile ExtractionHeartbeat.Pulse current;

    Watchdog(Duration limit) {
        this.limit = limit;
    }

    /**
     * The task's value, or the reason it failed: it ran out of time, or threw. Interrupting the
     * caller (shutdown) abandons the task at once and rethrows.
     */
    <T> Result<T> call(Callable<T> task) throws InterruptedException {
        var result = new CompletableFuture<T>();
        var pulse = new ExtractionHeartbeat.Pulse();
        Thread worker = Thread.ofPlatform().name("docent-read-" + threadNumber.incrementAndGet()).daemon().unstarted(() -> {
            try {
                result.complete(ExtractionHeartbeat.around(pulse, task));
            } catch (Throwable e) { // everything: an Error here must fail one file, not the sync
                result.completeExceptionally(e);
            }
        });
        current = pulse;
        worker.start();
        try {
            while (true) {
                // The limit counts from the last sign of progress (see ExtractionHeartbeat).
                long left = limit.toNanos() - (System.nanoTime() - pulse.lastNanos());
                if (left <= 0) break;
                try {
                    return new Result<>(result.get(left, TimeUnit.NANOSECONDS), null);
                } catch (TimeoutException checkAgain) {
                    // no result yet: a beat may have moved the deadline
                }
            }
            boolean progressed = pulse.beaten();
            abandon(worker, result, "after " + limit.toSeconds() + " s" + (progressed ? " without progress" : ""));
            return new Result<>(null, progressed
                    ? "stopped making progress (" + pulse.doing() + "): nothing for " + limit.toSeconds()
                            + " s (setting indexing.max_seconds_per_file)"
                    : "took longer than " + limit.toSeconds() + " s to extract (setting indexing.max_seconds_per_file)");
        } catch (ExecutionException e) {
            return new Result<>(null, describe(e.getCause()));
        } catch (InterruptedException e) {
            abandon(worker, result, "to stop indexing");
            throw e;
        } finally {
            current = null;
        }
    }

    /** What the file being read now says it is doing ("OCR of page 3 of 40"), or null. */
    String doing() {
        ExtractionHeartbeat.Pulse p = current;
        return p == null ? null : p.doing();
    }

    private void abandon(Thread worker, CompletableFuture<?> result, String why) {
        worker.interrupt();
        int running = abandoned.incrementAndGet();
        result.whenComplete((v, e) -> abandoned.decrementAndGet());
        log.warn("Abandoned {} {}; {} abandoned reading thread(s) still running", worker.getName(), why, running);
    }

    /** How many abandoned threads have not finished yet. */
    int stillRunning() {
        return abandoned.get();
    }

    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "ran out of memory extracting this file (" + e.getMessage() + ")";
        }
        if (e instanceof StackOverflowError) {
            return "parser crashed on this file (StackOverflowError: its structure is nested too deeply)";
        }
        return "parser crashed on this file (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")";
    }
}
