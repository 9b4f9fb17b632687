package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import dev.docent.indexer.DocumentPipeline.Outcome;
import dev.docent.indexer.extract.FileAccess;
import dev.docent.indexer.watch.FileState;
import dev.docent.retriever.DocumentIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the pipeline over the files a sync found new or changed. Reading (extraction and
 * chunking) runs on a helper thread, each file under the {@link Watchdog}'s time limit; embedding
 * runs on the caller's, so parsing the next file overlaps embedding this one; a queue of two
 * bounds the memory held in between. When the indexer closes, the run stops within a chunk's
 * embedding: the file in hand stays pending, a stuck extraction is abandoned, never waited for.
 */
final class SyncRun {

    private static final Logger log = LoggerFactory.getLogger(SyncRun.class);
    /**
     * Commit (fsync) this often during a long sync, so a crash loses little (less often only when
     * commits are slow, see {@link #OVERHEAD_FACTOR}). The system
     * property is for the crash test, whose kills must land between many commits.
     */
    private static final Duration COMMIT_EVERY = Duration.ofMillis(Long.getLong("docent.sync.commit_every_ms", 5000));
    /** Make new chunks searchable at least this often (a cheap near-real-time refresh). */
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(1);
    /** Commits and refreshes wait at least this many times their last duration: each costs at most ~5%. */
    private static final long OVERHEAD_FACTOR = 20;
    /** How often the embedding loop looks at the stop flag while it waits for the next file. */
    private static final long POLL_MILLIS = 100;

    /** A file to process, with its catalog record from before this sync (null if new). */
    record WorkItem(FileState file, DocumentRecord previous) {}

    /** What the run did. */
    static final class Tally {
        int indexed;
        int failed;
        int unchanged;
        int chunks;
        /** Files that took the chunks of an indexed file with the same content (renames, moves, copies). */
        int reused;
        /** Chunks the embedder computed (the others came from the cache or from a reused file). */
        int embedded;
        /** Where the sync's thread spent its time (nanoseconds): the log's breakdown of a slow sync. */
        long waitingNanos;
        long embeddingNanos;
        long writingNanos;
        long committingNanos;
    }

    /** Receives progress for the status display. */
    interface ProgressSink {
        void update(int done, int total, String current, int failed, int chunks);
    }

    /** What the reading thread hands to the embedding thread for one file. */
    private record Stage(WorkItem item, Outcome outcome) {
        FileState file() {
            return item.file();
        }
    }

    private static final Stage END = new Stage(null, null);

    private final CommitBatch batch;
    private final DocumentIndex index;
    private final DocumentPipeline pipeline;
    private final FileAccess access;
    private final Watchdog watchdog;
    /** The file the reading thread is extracting, or null. */
    private volatile String reading;
    private final BooleanSupplier stopping;
    private final ProgressSink progress;
    private final java.time.Clock clock;
    private final ChunkDonors donors;
    /** Paths written since the last refresh: a donor among them must be refreshed before it is read. */
    private final java.util.Set<String> unrefreshed = new java.util.HashSet<>();

    SyncRun(CommitBatch batch, DocumentIndex index, DocumentPipeline pipeline, FileAccess access, Duration timePerFile,
            java.time.Clock clock, BooleanSupplier stopping, ProgressSink progress) {
        this(batch, index, pipeline, access, timePerFile, clock, stopping, progress, new ChunkDonors());
    }

    SyncRun(CommitBatch batch, DocumentIndex index, DocumentPipeline pipeline, FileAccess access, Duration timePerFile,
            java.time.Clock clock, BooleanSupplier stopping, ProgressSink progress, ChunkDonors donors) {
        this.donors = donors;
        this.batch = batch;
        this.index = index;
        this.pipeline = pipeline;
        this.access = access;
        this.watchdog = new Watchdog(timePerFile);
        this.stopping = stopping;
        this.progress = progress;
        this.clock = clock;
    }

    Tally run(List<WorkItem> work, SyncProgress listener) {
        Tally tally = new Tally();
        BlockingQueue<Stage> queue = new ArrayBlockingQueue<>(2);
        Thread reader = Thread.ofPlatform().name("docent-extract").daemon().start(() -> readAll(work, queue));
        long lastCommit = System.nanoTime();
        long lastRefresh = lastCommit;
        long lastCommitNanos = 0;
        long lastRefreshNanos = 0;
        int done = 0;
        try {
            while (true) {
                long w0 = System.nanoTime();
                Stage s = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                tally.waitingNanos += System.nanoTime() - w0;
                if (stopping.getAsBoolean()) break;
                if (s == null) continue;
                if (s == END) break;
                progress.update(done, work.size(), s.file().path().toString(), tally.failed, tally.chunks);
                long f0 = System.nanoTime();
                DocumentRecord rec = finish(s, tally);
                tally.embeddingNanos += System.nanoTime() - f0;
                if (rec == null) break; // stopped half-way through embedding
                done++;
                progress.update(done, work.size(), null, tally.failed, tally.chunks);
                listener.fileDone(done, work.size(), rec);
                long now = System.nanoTime();
                // At most ~5% of the time goes to commits and to refreshes each: on a busy disk
                // a commit's fsync can take a second, and then commits come less often.
                if (now - lastCommit > Math.max(COMMIT_EVERY.toNanos(), OVERHEAD_FACTOR * lastCommitNanos)) {
                    batch.commit();
                    unrefreshed.clear();
                    lastCommit = lastRefresh = System.nanoTime();
                    lastCommitNanos = lastCommit - now;
                } else if (now - lastRefresh > Math.max(REFRESH_EVERY.toNanos(), OVERHEAD_FACTOR * lastRefreshNanos)) {
                    index.refresh();
                    unrefreshed.clear();
                    lastRefresh = System.nanoTime();
                    lastRefreshNanos = lastRefresh - now;
                }
                tally.committingNanos += System.nanoTime() - now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.interrupt(); // ends it, or abandons its stuck extraction; never joined
        }
        log.info("Sync run of {} files: {} s waiting for the reading thread, {} s embedding and writing (of which {} s"
                + " writing to the index), {} s in commits and refreshes", done, seconds(tally.waitingNanos),
                seconds(tally.embeddingNanos), seconds(tally.writingNanos), seconds(tally.committingNanos));
        return tally;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** Reads one file under the time limit; with {@code reuse}, stops at the hash if a donor has its content. */
    private Outcome read(WorkItem w, boolean reuse) throws InterruptedException {
        reading = w.file().path().toString();
        Watchdog.Result<Outcome> r;
        try {
            r = watchdog.call(() -> pipeline.read(w.file(), w.previous(), access, reuse ? donors::has : sha -> false));
        } finally {
            reading = null;
        }
        // A time-out or a crash is a verdict on the content: not retried until the file changes.
        return r.failure() == null ? r.value() : new Outcome(null, null, r.failure(), false, false);
    }

    /** The reading thread: every file under the time limit; it must never die silently. */
    private void readAll(List<WorkItem> work, BlockingQueue<Stage> queue) {
        try {
            for (WorkItem w : work) {
                if (stopping.getAsBoolean()) break;
                queue.put(new Stage(w, read(w, true)));
            }
        } catch (InterruptedException e) {
            return; // stopping: whoever waits for END has gone
        } catch (RuntimeException | Error e) {
            log.error("Reading files stopped; the rest stay pending until the next sync", e);
        }
        try {
            queue.put(END);
        } catch (InterruptedException ignored) {
            // stopping
        }
    }

    /**
     * Embeds and writes a read file (or records why it failed); returns its new catalog record, or
     * null if the indexer began closing half-way (the file then stays pending).
     */
    private DocumentRecord finish(Stage s, Tally tally) {
        String path = s.file().path().toString();
        DocumentRecord old = s.item().previous();
        Outcome o = s.outcome();
        DocumentRecord rec;
        List<java.time.LocalDate> dates = null; // null: the catalog's stay
        if (o.reusable()) {
            rec = takeChunks(s, o.sha256());
            if (rec != null) {
                tally.reused++;
                tally.chunks += rec.chunks();
                return rec;
            }
            try {
                o = read(s.item(), false); // the donor changed under us: read the file after all
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null; // stopping: the file stays pending
            }
        }
        if (o.unchanged() && old != null) {
            DocumentStatus status = old.error() == null ? DocumentStatus.INDEXED : DocumentStatus.FAILED;
            rec = new DocumentRecord(path, s.file().size(), s.file().modified(), o.sha256(), status,
                    old.error(), old.title(), old.pages(), old.chunks(), old.indexedAt()).withNote(old.note())
                    .withMetadataOf(old);
            tally.unchanged++; // its text dates stay as they are
        } else if (o.error() != null) {
            rec = failed(s, o.sha256(), o.error(), o.retryable());
            dates = List.of();
            tally.failed++;
            log.info("Failed {}: {}{}", path, o.error(), o.retryable() ? " (will retry at " + rec.retryAt() + ")" : "");
        } else {
            try {
                var embedded = pipeline.embed(path, o.prepared(), stopping, indexedVectors(old), s.file());
                var chunks = embedded.chunks();
                long w0 = System.nanoTime();
                index.replaceDocument(path, chunks);
                tally.writingNanos += System.nanoTime() - w0;
                unrefreshed.add(path);
                tally.embedded += embedded.embedded();
                var doc = o.prepared().document();
                rec = new DocumentRecord(path, s.file().size(), s.file().modified(), o.sha256(), DocumentStatus.INDEXED,
                        null, doc.title(), doc.paged() ? doc.pages().size() : 0, chunks.size(), clock.instant())
                        .withNote(doc.ocrNote()).withMetadata(doc.author(), doc.created(), doc.language());
                dates = o.prepared().textDates();
                tally.indexed++;
                tally.chunks += chunks.size();
                donors.replaceWith(rec);
            } catch (DocumentPipeline.Stopped e) {
                return null;
            } catch (DocumentPipeline.FileChanged e) {
                return leftBehind(s, e);
            } catch (RuntimeException e) {
                // Not the file's fault (the embedder or the index failed): try again later.
                log.warn("Indexing {} failed", path, e);
                rec = failed(s, null, "embedding or indexing failed: " + e.getMessage(), true);
                dates = List.of();
                tally.failed++;
            }
        }
        // Written with the Lucene commit that holds its chunks, its text dates in the same transaction.
        if (dates == null) batch.put(rec);
        else batch.put(rec, dates);
        return rec;
    }

    /**
     * The vectors the index holds for the previous version of a file, by embedding input, read at
     * the first cache miss only (usually never: unchanged chunks hit the cache).
     */
    private java.util.function.Function<String, float[]> indexedVectors(DocumentRecord old) {
        if (old == null || old.chunks() == 0) return input -> null;
        var byInput = new java.util.HashMap<String, float[]>();
        boolean[] loaded = {false};
        return input -> {
            if (!loaded[0]) {
                loaded[0] = true;
                for (var c : index.storedChunksOf(old.path())) {
                    byInput.put(EmbeddingInput.of(c.title(), c.heading(), c.text()), c.vector());
                }
            }
            return byInput.get(input);
        };
    }

    /**
     * Writes the chunks of the donor with this content under the file's path, vectors and all:
     * no extraction, no embedding; its metadata (author, creation time, language) and text dates
     * come along. A vanished donor (a rename or move) leaves the index and the catalog in the same
     * commit. Returns null if the donor's chunks are not what its record says.
     */
    private DocumentRecord takeChunks(Stage s, String sha256) {
        DocumentRecord donor = donors.get(sha256);
        if (donor == null) return null;
        if (unrefreshed.remove(donor.path())) {
            index.refresh();
            unrefreshed.clear();
        }
        List<dev.docent.retriever.IndexedChunk> theirs = index.storedChunksOf(donor.path());
        if (theirs.size() != donor.chunks()) return null;
        String path = s.file().path().toString();
        // A title that was the file name follows the file; the vectors keep the context they were
        // embedded with (the old name), which a search hardly notices and an edit renews.
        String donorName = java.nio.file.Path.of(donor.path()).getFileName().toString();
        String ownName = s.file().path().getFileName().toString();
        List<dev.docent.retriever.IndexedChunk> ours = new java.util.ArrayList<>(theirs.size());
        for (var c : theirs) {
            String title = donorName.equals(c.title()) ? ownName : c.title();
            ours.add(new dev.docent.retriever.IndexedChunk(path, title, c.page(), c.heading(), c.ordinal(),
                    c.startOffset(), c.endOffset(), c.text(), c.vector()));
        }
        index.replaceDocument(path, ours);
        unrefreshed.add(path);
        if (donors.isVanished(donor.path())) {
            index.deleteDocument(donor.path());
            batch.delete(donor.path()); // the old row goes in the same catalog transaction as the new one
            donors.takenOver(donor.path());
        }
        String title = donorName.equals(donor.title()) ? ownName : donor.title();
        var rec = new DocumentRecord(path, s.file().size(), s.file().modified(), sha256, DocumentStatus.INDEXED, null,
                title, donor.pages(), ours.size(), clock.instant()).withNote(donor.note()).withMetadataOf(donor);
        // Read before the donor's row is deleted (in this batch: its dates may be pending in it too).
        batch.put(rec, batch.textDates(donor.path()));
        donors.replaceWith(rec);
        log.debug("{} has the content of {}: its chunks were taken over", path, donor.path());
        return rec;
    }

    /**
     * A file deleted or changed while it was embedded: its embedding stopped and the run moves on.
     * A deleted file leaves the index and the catalog now (with this batch); a changed one keeps
     * its old row, whose size and time no longer match, so the next sync (which its change
     * triggers) reads it again. Returns a pending record for the progress display only.
     */
    private DocumentRecord leftBehind(Stage s, DocumentPipeline.FileChanged why) {
        String path = s.file().path().toString();
        log.info("Stopped embedding {}: {}", path, why.getMessage());
        if (why.gone) {
            index.deleteDocument(path);
            batch.delete(path);
            unrefreshed.add(path);
        }
        return new DocumentRecord(path, s.file().size(), s.file().modified(), null, DocumentStatus.PENDING, null, null, 0, 0,
                clock.instant());
    }

    private DocumentRecord failed(Stage s, String sha256, String error, boolean retryable) {
        String path = s.file().path().toString();
        index.deleteDocument(path);
        DocumentRecord old = s.item().previous();
        int attempts = retryable ? (old != null && old.retryAt() != null ? old.attempts() : 0) + 1 : 0;
        Instant now = clock.instant();
        return new DocumentRecord(path, s.file().size(), s.file().modified(), sha256, DocumentStatus.FAILED,
                error, null, 0, 0, now, attempts, retryable ? retryAt(attempts, now) : null);
    }

    /** Backoff for failures that may pass: 1, 2, 4 … minutes after the attempt, at most 6 hours. */
    static Instant retryAt(int attempts, Instant now) {
        long minutes = Math.min(1L << Math.min(attempts - 1, 16), 360);
        return now.plus(Duration.ofMinutes(minutes));
    }

    /** The file being extracted now and what its extraction says it is doing, or null between files. */
    IndexStatus.Reading reading() {
        String path = reading;
        return path == null ? null : new IndexStatus.Reading(path, watchdog.doing());
    }
}
