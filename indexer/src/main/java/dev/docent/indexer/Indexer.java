package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.cache.EmbeddingCache;
import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.FileAccess;
import dev.docent.indexer.extract.PageOcr;
import dev.docent.indexer.extract.TextExtractor;
import dev.docent.indexer.watch.FileState;
import dev.docent.indexer.watch.FolderWalker;
import dev.docent.indexer.watch.WalkResult;
import dev.docent.retriever.ChunkIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the catalog and the search index under one data directory, and keeps them in step with a
 * set of folders. One sync runs at a time; searches may run concurrently with it.
 */
public final class Indexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    private static final String MODEL_KEY = "embedding_model";
    /** close() waits this long for a running sync to stop, then closes regardless. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final Path dataDir;
    private final Catalog catalog;
    private final ChunkIndex index;
    private final DocumentPipeline pipeline;
    /** Vectors by (model, chunk text hash); null when read-only. */
    private final EmbeddingCache cache;
    private final String cacheModel;
    /** Cache entries beyond the live chunks (and a quarter more) that trigger an eviction after a sync. */
    private volatile int cacheSlack = 1000;
    private final IndexingLimits limits;
    private final Clock clock;
    /** Held by a running sync; close() waits for it only {@link #CLOSE_WAIT}. */
    private final ReentrantLock syncLock = new ReentrantLock();
    private volatile Progress progress = Progress.IDLE;
    private volatile FolderWalker walker;
    /** What the last sync's walk left out, for the status. */
    private volatile WalkResult lastWalk = WalkResult.empty();
    /** Set by close(): a running sync stops within a chunk, leaving the file in hand pending. */
    private volatile boolean stopping;

    private record Progress(boolean running, int done, int toProcess, String current, int failed, int chunks,
            long startedNanos) {
        static final Progress IDLE = new Progress(false, 0, 0, null, 0, 0, 0);
    }

    private Indexer(Path dataDir, Embedder embedder, int chunkTokens, IndexingLimits limits, Clock clock) throws IOException {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.limits = limits;
        this.clock = clock;
        Files.createDirectories(this.dataDir);
        this.walker = new FolderWalker(this.dataDir, true);
        this.catalog = Catalog.open(this.dataDir.resolve("catalog.db"));
        try {
            this.index = ChunkIndex.open(this.dataDir.resolve("index"));
        } catch (RuntimeException e) {
            catalog.close(); // e.g. another process holds the index: leave nothing open behind
            throw e;
        }
        this.cache = EmbeddingCache.open(this.dataDir.resolve(EmbeddingCache.FILE));
        this.cacheModel = DocumentPipeline.cacheModelId(embedder);
        this.pipeline = new DocumentPipeline(
                new TextExtractor(TextExtractor.DEFAULT_MAX_CHARACTERS, PageOcr.fromSetting(limits.ocr(), limits.timePerFile())),
                new Chunker(embedder::countTokens, chunkTokens), embedder, cache);
        // The BM25 analysis is part of the key: an index written with other analysis has terms the
        // queries no longer produce, so it is rebuilt like one written with another model.
        String model = embedder.modelName() + "/" + embedder.dimensions() + "/chunk" + chunkTokens
                + "/" + ChunkIndex.ANALYSIS_VERSION;
        if (!catalog.meta(MODEL_KEY).map(model::equals).orElse(true)) {
            // The embedding cache stays: a chunking or analysis change re-embeds only texts it has not seen.
            log.info("Embedding model, chunking or text analysis changed to {}: every document will be re-indexed", model);
            index.deleteAll();
            index.commit();
            for (DocumentRecord r : catalog.all()) catalog.delete(r.path());
        }
        catalog.setMeta(MODEL_KEY, model);
        Reconciler.reconcile(catalog, index);
    }

    /** Read-only: the committed catalog and index, no write lock, no pipeline; sync() refuses. */
    private Indexer(Path dataDir, Embedder embedder) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.limits = IndexingLimits.defaults();
        this.clock = Clock.systemUTC();
        Path catalogFile = this.dataDir.resolve("catalog.db");
        if (!Files.isRegularFile(catalogFile)) {
            throw new IllegalStateException("No index in " + this.dataDir + " yet: run ./docent index FOLDER first");
        }
        this.catalog = Catalog.openReadOnly(catalogFile);
        try {
            this.index = ChunkIndex.openReadOnly(this.dataDir.resolve("index"));
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        this.pipeline = null;
        this.cache = null;
        this.cacheModel = null;
        String model = embedder.modelName() + "/" + embedder.dimensions() + "/";
        catalog.meta(MODEL_KEY).filter(m -> !m.startsWith(model)).ifPresent(m -> log.warn(
                "The index was built with {}, not {}: answers may be poor until serve or index re-embeds it", m, model));
    }

    /**
     * Opens what a writer (serve, index) last committed in {@code dataDir}, for searching beside
     * it: takes no lock, writes nothing, never re-indexes (used by ask). Refreshing the index
     * picks up newer commits.
     */
    public static Indexer openReadOnly(Path dataDir, Embedder embedder) {
        return new Indexer(dataDir, embedder);
    }

    /** Opens the catalog and index in {@code dataDir}, creating them if needed. */
    public static Indexer open(Path dataDir, Embedder embedder) {
        return open(dataDir, embedder, Chunker.DEFAULT_MAX_TOKENS);
    }

    public static Indexer open(Path dataDir, Embedder embedder, int chunkTokens) {
        return open(dataDir, embedder, chunkTokens, IndexingLimits.defaults());
    }

    /** With the default chunking and the given per-file limits. */
    public static Indexer open(Path dataDir, Embedder embedder, IndexingLimits limits) {
        return open(dataDir, embedder, Chunker.DEFAULT_MAX_TOKENS, limits);
    }

    public static Indexer open(Path dataDir, Embedder embedder, int chunkTokens, IndexingLimits limits) {
        return open(dataDir, embedder, chunkTokens, limits, Clock.systemUTC());
    }

    /** With a clock of the caller's: tests move time on to reach a retry. */
    static Indexer open(Path dataDir, Embedder embedder, int chunkTokens, IndexingLimits limits, Clock clock) {
        try {
            return new Indexer(dataDir, embedder, chunkTokens, limits, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
    }

    /**
     * While {@code condition} holds, embedding pauses between chunks: used to give the cores to
     * the language model while it answers.
     */
    public void pauseWhile(java.util.function.BooleanSupplier condition) {
        if (pipeline != null) pipeline.pauseWhile(() -> condition.getAsBoolean() && !stopping);
    }

    /** Whether {@code .gitignore} files count as well as {@code .docentignore} (default true). */
    public void respectGitignore(boolean respect) {
        walker = new FolderWalker(dataDir, respect);
    }

    /** The search index this indexer writes; searches go straight to it. */
    public ChunkIndex index() {
        return index;
    }

    public List<DocumentRecord> documents() {
        return catalog.all();
    }

    public IndexStatus status() {
        Map<DocumentStatus, Integer> counts = catalog.countByStatus();
        Progress p = progress;
        return new IndexStatus(counts.get(DocumentStatus.INDEXED), counts.get(DocumentStatus.PENDING),
                counts.get(DocumentStatus.FAILED), index.chunkCount(), p.running(), p.done(), p.toProcess(), p.current(),
                lastWalk.skipped(), lastWalk.skippedCount(), p.running()
                        ? SyncThroughput.measure(p.done(), p.toProcess(), p.failed(), p.chunks(), p.startedNanos()) : null);
    }

    /**
     * Brings the index in line with {@code folders}: new and changed files are indexed, files
     * that are gone are removed. Unchanged files cost a stat (and a hash if only mtime moved).
     */
    public SyncReport sync(List<Path> folders, SyncProgress listener) {
        syncLock.lock();
        try {
            if (stopping) {
                throw new IllegalStateException("indexer is closed");
            }
            if (pipeline == null) throw new IllegalStateException("this indexer was opened read-only");
            return syncLocked(folders, listener);
        } finally {
            syncLock.unlock();
        }
    }

    private SyncReport syncLocked(List<Path> folders, SyncProgress listener) {
        long started = System.nanoTime();
        WalkResult walk = walker.walk(folders); // never throws: what it cannot read is in walk.skipped()
        lastWalk = walk;
        List<Path> roots = walk.roots();
        List<FileState> found = walk.files();
        var batch = new CommitBatch(catalog, index);
        List<DocumentRecord> vanished = vanished(roots, found);
        List<SyncRun.WorkItem> work = new ArrayList<>();
        Set<String> inWork = new HashSet<>();
        Set<Long> workSizes = new HashSet<>();
        Instant now = clock.instant();
        for (FileState f : found) {
            DocumentRecord r = catalog.find(f.path().toString()).orElse(null);
            if (r == null || r.status() == DocumentStatus.PENDING || r.size() != f.size()
                    || !r.modified().equals(f.modified()) || (r.retryAt() != null && !r.retryAt().isAfter(now))) {
                work.add(new SyncRun.WorkItem(f, r));
                inWork.add(f.path().toString());
                workSizes.add(f.size());
                catalog.put(pendingRecord(f, r));
            }
        }
        ChunkDonors donors = donors(vanished, inWork, workSizes, batch);
        int removed = vanished.size();
        listener.planned(found.size(), work.size());
        long startedNanos = System.nanoTime();
        progress = new Progress(true, 0, work.size(), null, 0, 0, startedNanos);
        SyncRun.Tally tally;
        try {
            tally = work.isEmpty() ? new SyncRun.Tally()
                    : new SyncRun(batch, index, pipeline, new FileAccess(roots, limits.maxFileBytes()), limits.timePerFile(),
                            clock, () -> stopping, (done, total, current, failed, chunks) ->
                                    progress = new Progress(true, done, total, current, failed, chunks, startedNanos),
                            donors).run(work, listener);
        } finally {
            // Vanished, and no new file took their chunks. When closing, the files not read yet may
            // still be their renames: the next sync decides.
            for (String path : stopping ? List.<String>of() : donors.leftOver()) {
                index.deleteDocument(path);
                batch.delete(path);
            }
            batch.commit();
            cache.flush();
            progress = Progress.IDLE;
        }
        removed -= donors.takenOverCount(); // renames and moves: counted as reused, not removed
        if (stopping) removed -= donors.leftOver().size(); // left for the next sync
        if (tally.indexed + removed + tally.reused > 0) evictCacheIfGrown();
        var report = new SyncReport(found.size(), tally.indexed, tally.failed, found.size() - work.size() + tally.unchanged,
                removed, tally.chunks, Duration.ofNanos(System.nanoTime() - started), tally.reused, tally.embedded);
        log.info("Sync of {}: {}", roots, report);
        return report;
    }

    /** Catalog rows under the synced folders whose file the walk did not find. */
    private List<DocumentRecord> vanished(List<Path> roots, List<FileState> found) {
        Set<String> present = new HashSet<>();
        for (FileState f : found) present.add(f.path().toString());
        List<DocumentRecord> out = new ArrayList<>();
        for (DocumentRecord r : catalog.all()) {
            Path p = Path.of(r.path());
            if (roots.stream().anyMatch(p::startsWith) && !present.contains(r.path())) out.add(r);
        }
        return out;
    }

    /**
     * The indexed files whose chunks a new file of the same content may take over. A vanished
     * file is kept (searchable under its old path until the sync ends) only if a file to read has
     * its size, so it may be the same file renamed or moved; every other vanished file leaves the
     * index now, its row with the next commit.
     */
    private ChunkDonors donors(List<DocumentRecord> vanished, Set<String> inWork, Set<Long> workSizes, CommitBatch batch) {
        var donors = new ChunkDonors();
        Set<String> gone = new HashSet<>();
        for (DocumentRecord r : vanished) {
            gone.add(r.path());
            if (workSizes.contains(r.size())) {
                donors.offerVanished(r);
            }
            if (!donors.isVanished(r.path())) {
                index.deleteDocument(r.path());
                batch.delete(r.path()); // the row goes with the Lucene commit of the delete
            }
        }
        if (!workSizes.isEmpty()) {
            for (DocumentRecord r : catalog.all()) {
                if (!gone.contains(r.path()) && !inWork.contains(r.path())) donors.offer(r);
            }
        }
        return donors;
    }

    /**
     * Drops cached vectors no indexed chunk uses, once the cache holds noticeably more entries
     * than the index holds chunks (so a sync that changes little costs nothing here). Returns how
     * many were dropped.
     */
    int evictCacheIfGrown() {
        int entries = cache.size();
        int chunks = index.chunkCount();
        if (entries <= chunks + chunks / 4 + cacheSlack) return 0;
        Set<String> referenced = new HashSet<>();
        index.forEachChunk(h -> referenced.add(EmbeddingCache.hash(EmbeddingInput.of(h.title(), h.heading(), h.text()))));
        int dropped = cache.retainOnly(cacheModel, referenced, Set.of());
        log.info("Embedding cache: {} of {} entries dropped (no indexed chunk uses them)", dropped, entries);
        return dropped;
    }

    /** For tests: evict after any sync in which the cache holds more than this many extra entries. */
    void cacheSlack(int entries) {
        this.cacheSlack = entries;
    }

    private static DocumentRecord pendingRecord(FileState f, DocumentRecord old) {
        return new DocumentRecord(f.path().toString(), f.size(), f.modified(), old == null ? null : old.sha256(),
                DocumentStatus.PENDING, null, old == null ? null : old.title(), old == null ? 0 : old.pages(),
                old == null ? 0 : old.chunks(), old == null ? null : old.indexedAt(),
                old == null ? 0 : old.attempts(), old == null ? null : old.retryAt());
    }

    /**
     * Stops a running sync (within one chunk's embedding; the file in hand stays pending and a
     * stuck extraction is abandoned), waits a few seconds at most for it to commit what is
     * complete, then closes index (which commits) and catalog. Returns within seconds whatever the
     * sync was doing, so shutdown never hangs and the data directory is free for a restart.
     */
    @Override
    public void close() {
        stopping = true;
        boolean locked = false;
        try {
            locked = syncLock.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked) log.warn("A sync did not stop within {} s; closing the index under it", CLOSE_WAIT.toSeconds());
        try {
            index.close();
        } finally {
            try {
                catalog.close();
            } finally {
                try {
                    if (cache != null) cache.close();
                } finally {
                    if (locked) syncLock.unlock();
                }
            }
        }
    }
}
