package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.cache.EmbeddingCache;
import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.FileAccess;
import dev.docent.indexer.extract.TextExtractor;
import dev.docent.indexer.watch.FolderWalker;
import dev.docent.indexer.watch.WalkResult;
import dev.docent.retriever.DocumentIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a data directory's generations: runs the syncs that bring a generation in line with the
 * folders (walk, {@link SyncPlan}, {@link SyncRun}, {@link CommitBatch}), and hands a rebuild to
 * the {@link GenerationBuilder}. It owns what only writing needs: the document pipeline, the
 * embedding cache every generation shares, the folder walker, and the running sync's progress.
 *
 * <p>Locking: {@code syncLock}, and nothing else. A sync holds it from start to end, so one runs at
 * a time; {@link #close()} takes it too, but waits for it only {@link #CLOSE_WAIT}
 * and then closes regardless (a stuck sync never holds up shutdown). What status readers look at
 * is volatile and written only by the sync that holds the lock; the stop flag only by close.
 */
final class SyncWriter {

    /** Logs under the facade's name, so the log reads as it did before the indexer was split. */
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    /** close() waits this long for a running sync to stop, then closes regardless. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    /** A running sync's progress, for the status; {@link #IDLE} when none runs. */
    record Progress(boolean running, int done, int toProcess, String current, int failed, int chunks, long startedNanos) {
        static final Progress IDLE = new Progress(false, 0, 0, null, 0, 0, 0);
    }

    private final Path dataDir;
    private final GenerationBuilder generations;
    private final DocumentPipeline pipeline;
    /**
     * Vectors by (model, chunk text hash), one per data directory, shared by every generation (a
     * chunking or analysis change re-embeds only texts it has not seen).
     */
    private final EmbeddingCache cache;
    private final String cacheModel;
    private final IndexingLimits limits;
    private final Clock clock;
    private final ReentrantLock syncLock = new ReentrantLock();
    /** Cache entries beyond the live chunks (and a quarter more) that trigger an eviction after a sync. */
    private volatile int cacheSlack = 1000;
    private volatile Progress progress = Progress.IDLE;
    /** The sync's file reading, while one runs (for the status). */
    private volatile SyncRun running;
    private volatile FolderWalker walker;
    /** Keeps the documents of a watched folder that looks unmounted (empty, on another filesystem). */
    private volatile UnmountedFolders unmounted = new UnmountedFolders();
    /** What the last sync's walk left out, for the status. */
    private volatile WalkResult lastWalk = WalkResult.empty();
    /** Set by close(): a running sync stops within a chunk, leaving the file in hand pending. */
    private volatile boolean stopping;

    private SyncWriter(Path dataDir, GenerationBuilder generations, DocumentPipeline pipeline, EmbeddingCache cache,
            String cacheModel, IndexingLimits limits, Clock clock) {
        this.dataDir = dataDir;
        this.generations = generations;
        this.pipeline = pipeline;
        this.cache = cache;
        this.cacheModel = cacheModel;
        this.limits = limits;
        this.clock = clock;
        this.walker = new FolderWalker(dataDir, true);
    }

    /**
     * A writer of {@code generations}, reading files with {@code extractor} (Indexer's, which its
     * DocumentReader shares); closes them if the embedding cache cannot be opened.
     */
    static SyncWriter open(Path dataDir, Embedder embedder, int chunkTokens, IndexingLimits limits, Clock clock,
            GenerationBuilder generations, TextExtractor extractor) {
        EmbeddingCache cache;
        try {
            cache = EmbeddingCache.open(dataDir.resolve(EmbeddingCache.FILE));
        } catch (RuntimeException e) {
            generations.close();
            throw e;
        }
        var pipeline = new DocumentPipeline(
                extractor, new Chunker(embedder::countTokens, chunkTokens), embedder, cache);
        return new SyncWriter(dataDir, generations, pipeline, cache, DocumentPipeline.cacheModelId(embedder), limits, clock);
    }

    /** See {@link Indexer#sync}. */
    SyncReport sync(List<Path> folders, SyncProgress listener) {
        syncLock.lock();
        try {
            if (stopping) throw new IllegalStateException("indexer is closed");
            OpenGeneration next = generations.building();
            if (next == null) {
                try (IndexLease lease = generations.active().lease()) { // only a sync replaces it: this never delays a switch
                    return pass(lease.generation(), folders, listener);
                }
            }
            SyncReport report = generations.rebuild(next, folders, listener, this::pass, () -> stopping);
            if (generations.building() == null) evictCacheIfGrown(); // switched: the old generation's texts no longer count
            return report;
        } finally {
            syncLock.unlock();
        }
    }

    /** One sync of generation {@code g}: walk, plan, read and embed what changed, commit. */
    private SyncReport pass(OpenGeneration g, List<Path> folders, SyncProgress listener) {
        Catalog catalog = g.catalog();
        DocumentIndex index = g.index();
        long started = System.nanoTime();
        // never throws: what it cannot read is in walk.skipped(); then an empty mount point's documents are kept too
        WalkResult walk = unmounted.check(walker.walk(folders), catalog);
        lastWalk = walk;
        var batch = new CommitBatch(catalog, index, generations.publisherFor(g));
        SyncPlan plan = SyncPlan.of(catalog, index, walk, clock, batch);
        List<SyncRun.WorkItem> work = plan.work();
        ChunkDonors donors = plan.donors();
        int found = walk.files().size();
        int removed = plan.vanished();
        listener.planned(found, work.size());
        long startedNanos = System.nanoTime();
        progress = new Progress(true, 0, work.size(), null, 0, 0, startedNanos);
        SyncRun.Tally tally;
        try {
            if (work.isEmpty()) {
                tally = new SyncRun.Tally();
            } else {
                var run = new SyncRun(batch, index, pipeline, new FileAccess(walk.roots(), limits.maxFileBytes()), limits.timePerFile(),
                        clock, () -> stopping, (done, total, current, failed, chunks) ->
                                progress = new Progress(true, done, total, current, failed, chunks, startedNanos),
                        donors);
                running = run;
                tally = run.run(work, listener);
            }
        } finally {
            running = null;
            // Vanished, and no new file took their chunks. When closing, the files not read yet may
            // still be their renames: the next sync decides.
            for (String path : stopping ? List.<String>of() : donors.leftOver()) {
                index.deleteDocument(path);
                batch.delete(path);
            }
            // Nothing written (an idle re-check): no Lucene commit, no catalog transaction, no fsync.
            // Every index change of a sync goes with a record or deletion in the batch.
            if (!batch.isEmpty()) batch.commit();
            cache.flush();
            progress = Progress.IDLE;
        }
        removed -= donors.takenOverCount(); // renames and moves: counted as reused, not removed
        if (stopping) removed -= donors.leftOver().size(); // left for the next sync
        // While a generation is built the active one's chunks are live too: evict after the switch.
        if (generations.building() == null && tally.indexed + removed + tally.reused > 0) evictCacheIfGrown();
        var report = new SyncReport(found, tally.indexed, tally.failed, found - work.size() + tally.unchanged,
                removed, tally.chunks, Duration.ofNanos(System.nanoTime() - started), tally.reused, tally.embedded);
        log.info("Sync of {}: {}", walk.roots(), report);
        return report;
    }

    /**
     * Drops cached vectors no indexed chunk of the active generation uses, once the cache holds
     * noticeably more entries than the index holds chunks (so a sync that changes little costs
     * nothing here). Returns how many were dropped.
     */
    private int evictCacheIfGrown() {
        try (IndexLease lease = generations.active().lease()) {
            DocumentIndex index = lease.index();
            int entries = cache.size();
            int chunks = index.chunkCount();
            if (entries <= chunks + chunks / 4 + cacheSlack) return 0;
            Set<String> referenced = new HashSet<>();
            index.forEachChunk(h -> referenced.add(EmbeddingCache.hash(EmbeddingInput.of(h.title(), h.heading(), h.text()))));
            int dropped = cache.retainOnly(cacheModel, referenced, Set.of());
            log.info("Embedding cache: {} of {} entries dropped (no indexed chunk uses them)", dropped, entries);
            return dropped;
        }
    }

    /** For tests: evict after any sync in which the cache holds more than this many extra entries. */
    void cacheSlack(int entries) {
        this.cacheSlack = entries;
    }

    /** For tests that cannot mount: where the sync reads a folder's filesystem from. */
    void deviceProbe(Function<Path, String> device) {
        this.unmounted = new UnmountedFolders(device);
    }

    /** See {@link Indexer#pauseWhile}. */
    void pauseWhile(BooleanSupplier condition) {
        pipeline.pauseWhile(() -> condition.getAsBoolean() && !stopping);
    }

    /** See {@link Indexer#respectGitignore}. */
    void respectGitignore(boolean respect) {
        walker = new FolderWalker(dataDir, respect);
    }

    Progress progress() {
        return progress;
    }

    /** See {@link Indexer#generationStatus}. */
    GenerationStatus generationStatus() {
        return generations.status(progress);
    }

    WalkResult lastWalk() {
        return lastWalk;
    }

    /** The file the running sync is extracting, or null. */
    IndexStatus.Reading reading() {
        SyncRun r = running;
        return r == null ? null : r.reading();
    }

    /**
     * Stops a running sync (within one chunk's embedding), waits {@link #CLOSE_WAIT} at most for it
     * to commit what is complete, then closes the generations and the cache.
     */
    void close() {
        stopping = true;
        boolean locked = false;
        try {
            locked = syncLock.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked) log.warn("A sync did not stop within {} s; closing the index under it", CLOSE_WAIT.toSeconds());
        try {
            generations.close();
        } finally {
            try {
                cache.close();
            } finally {
                if (locked) syncLock.unlock();
            }
        }
    }
}
