package dev.docent.indexer;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.extract.ExtractionException;
import dev.docent.indexer.watch.FileState;
import dev.docent.retriever.ChunkIndex;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the pipeline over the files a sync found new or changed. Extraction and chunking
 * run on a helper thread, embedding on the caller's, so parsing the next file overlaps embedding
 * this one; a queue of two bounds the memory held in between.
 */
final class SyncRun {

    private static final Logger log = LoggerFactory.getLogger(SyncRun.class);
    /** Commit (fsync) at least this often during a long sync, so a crash loses little. */
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(5);
    /** Make new chunks searchable at least this often (a cheap near-real-time refresh). */
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(1);

    /** A file to process, with its catalog record from before this sync (null if new). */
    record WorkItem(FileState file, DocumentRecord previous) {}

    /** What the run did. */
    static final class Tally {
        int indexed;
        int failed;
        int unchanged;
        int chunks;
    }

    /** Receives progress for the status display. */
    interface ProgressSink {
        void update(int done, int total, String current);
    }

    /** What the extraction thread hands to the embedding thread for one file. */
    private record Stage(WorkItem item, String sha256, DocumentPipeline.Prepared prepared, String error, boolean unchanged) {
        FileState file() {
            return item.file();
        }
    }

    private static final Stage END = new Stage(null, null, null, null, false);

    private final Catalog catalog;
    private final ChunkIndex index;
    private final DocumentPipeline pipeline;
    private final BooleanSupplier stopping;
    private final ProgressSink progress;

    SyncRun(Catalog catalog, ChunkIndex index, DocumentPipeline pipeline, BooleanSupplier stopping, ProgressSink progress) {
        this.catalog = catalog;
        this.index = index;
        this.pipeline = pipeline;
        this.stopping = stopping;
        this.progress = progress;
    }

    Tally run(List<WorkItem> work, SyncProgress listener) {
        Tally tally = new Tally();
        BlockingQueue<Stage> queue = new ArrayBlockingQueue<>(2);
        Thread extractor = Thread.ofPlatform().name("docent-extract").daemon().start(() -> {
            try {
                for (WorkItem w : work) {
                    if (stopping.getAsBoolean()) break;
                    queue.put(prepare(w));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        long lastCommit = System.nanoTime();
        long lastRefresh = lastCommit;
        int done = 0;
        try {
            for (Stage s = queue.take(); s != END; s = queue.take()) {
                if (stopping.getAsBoolean()) {
                    extractor.interrupt(); // it may be blocked handing us the next file
                    break;
                }
                progress.update(done, work.size(), s.file().path().toString());
                DocumentRecord rec = finish(s, tally);
                done++;
                progress.update(done, work.size(), null);
                listener.fileDone(done, work.size(), rec);
                long now = System.nanoTime();
                if (now - lastCommit > COMMIT_EVERY.toNanos()) {
                    index.commit();
                    lastCommit = lastRefresh = System.nanoTime();
                } else if (now - lastRefresh > REFRESH_EVERY.toNanos()) {
                    index.refresh();
                    lastRefresh = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            extractor.interrupt();
            Thread.currentThread().interrupt();
        }
        return tally;
    }

    /** Hash, then extract and chunk unless the content is what was indexed (or failed) before. */
    private Stage prepare(WorkItem w) {
        FileState f = w.file();
        DocumentRecord old = w.previous();
        String hash;
        try {
            hash = DocumentPipeline.sha256(f.path());
        } catch (IOException e) {
            return new Stage(w, null, null, "cannot read file: " + e.getMessage(), false);
        }
        if (old != null && hash.equals(old.sha256()) && old.indexedAt() != null) {
            return new Stage(w, hash, null, null, true); // touched, not changed: keep the old outcome
        }
        try {
            return new Stage(w, hash, pipeline.prepare(f.path(), f.size()), null, false);
        } catch (ExtractionException e) {
            return new Stage(w, hash, null, e.getMessage(), false);
        }
    }

    /** Embeds and writes a prepared file (or records why it failed); returns its new catalog record. */
    private DocumentRecord finish(Stage s, Tally tally) {
        String path = s.file().path().toString();
        DocumentRecord old = s.item().previous();
        DocumentRecord rec;
        if (s.unchanged() && old != null) {
            DocumentStatus status = old.error() == null ? DocumentStatus.INDEXED : DocumentStatus.FAILED;
            rec = new DocumentRecord(path, s.file().size(), s.file().modified(), s.sha256(), status,
                    old.error(), old.title(), old.pages(), old.chunks(), old.indexedAt());
            tally.unchanged++;
        } else if (s.error() != null) {
            rec = failed(s, s.error());
            tally.failed++;
            log.info("Failed {}: {}", path, s.error());
        } else {
            try {
                var chunks = pipeline.embed(path, s.prepared());
                index.replaceDocument(path, chunks);
                var doc = s.prepared().document();
                rec = new DocumentRecord(path, s.file().size(), s.file().modified(), s.sha256(), DocumentStatus.INDEXED,
                        null, doc.title(), doc.paged() ? doc.pages().size() : 0, chunks.size(), Instant.now());
                tally.indexed++;
                tally.chunks += chunks.size();
            } catch (RuntimeException e) {
                log.warn("Indexing {} failed", path, e);
                rec = failed(s, "embedding or indexing failed: " + e.getMessage());
                tally.failed++;
            }
        }
        catalog.put(rec);
        return rec;
    }

    private DocumentRecord failed(Stage s, String error) {
        String path = s.file().path().toString();
        index.deleteDocument(path);
        return new DocumentRecord(path, s.file().size(), s.file().modified(), s.sha256(), DocumentStatus.FAILED,
                error, null, 0, 0, Instant.now());
    }
}
