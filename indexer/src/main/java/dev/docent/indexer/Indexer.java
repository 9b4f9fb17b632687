package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.cache.EmbeddingCache;
import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.FileAccess;
import dev.docent.indexer.extract.PageOcr;
import dev.docent.indexer.extract.TextExtractor;
import dev.docent.indexer.generation.Generations;
import dev.docent.indexer.generation.IndexGeneration;
import dev.docent.indexer.generation.Recipe;
import dev.docent.indexer.watch.FileState;
import dev.docent.indexer.watch.FolderWalker;
import dev.docent.indexer.watch.WalkResult;
import dev.docent.retriever.lucene.ChunkIndex;
import dev.docent.retriever.Hit;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the catalog and the search index under one data directory, and keeps them in step with a
 * set of folders. One sync runs at a time; searches may run concurrently with it.
 *
 * <p>Catalog and index belong to an {@link IndexGeneration}: what was built under one {@link
 * Recipe} (embedding model, chunking, analysis, extraction). When the configured recipe differs
 * from the active generation's, searches keep using the active one while syncs build a new one
 * beside it; once every file is in it (indexed or failed with a reason) the pointer file is
 * switched atomically, searches move to it, and the old one is deleted.
 */
public final class Indexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    private static final String MODEL_KEY = "embedding_model";
    /** close() waits this long for a running sync to stop, then closes regardless. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final Path dataDir;
    private final boolean readOnly;
    private final Embedder embedder;
    /** What this Docent builds indexes under; null when read-only (the chunking is not known there). */
    private final Recipe recipe;
    /** The generation searches use. Replaced only under {@link #switching}'s write lock. */
    private volatile Opened active;
    /** The generation being built for a changed recipe, or null. Written under the sync lock. */
    private volatile Opened building;
    /** Searches hold the read side, so a switch never closes an index under a running search. */
    private final ReentrantReadWriteLock switching = new ReentrantReadWriteLock();
    private final DocumentPipeline pipeline;
    /**
     * Vectors by (model, chunk text hash), one per data directory, shared by every generation (a
     * chunking or analysis change re-embeds only texts it has not seen); null when read-only.
     */
    private final EmbeddingCache cache;
    private final String cacheModel;
    /** Cache entries beyond the live chunks (and a quarter more) that trigger an eviction after a sync. */
    private volatile int cacheSlack = 1000;
    private final IndexingLimits limits;
    private final Clock clock;
    /** Held by a running sync; close() waits for it only {@link #CLOSE_WAIT}. */
    private final ReentrantLock syncLock = new ReentrantLock();
    private volatile Progress progress = Progress.IDLE;
    /** The sync's file reading, while one runs (for the status). */
    private volatile SyncRun running;
    private volatile FolderWalker walker;
    /** What the last sync's walk left out, for the status. */
    private volatile WalkResult lastWalk = WalkResult.empty();
    /** Set by close(): a running sync stops within a chunk, leaving the file in hand pending. */
    private volatile boolean stopping;
    private boolean closed;

    private record Progress(boolean running, int done, int toProcess, String current, int failed, int chunks,
            long startedNanos) {
        static final Progress IDLE = new Progress(false, 0, 0, null, 0, 0, 0);
    }

    /**
     * A generation with its catalog and index open.
     *
     * @param vectorsUsable whether query vectors of this Docent's embedding model may be searched
     *     in it (false while an index built by another model still answers: then BM25 alone)
     */
    private record Opened(IndexGeneration generation, Catalog catalog, ChunkIndex index, boolean vectorsUsable) {
        void close() {
            try {
                index.close();
            } finally {
                catalog.close();
            }
        }
    }

    private Indexer(Path dataDir, Embedder embedder, int chunkTokens, IndexingLimits limits, Clock clock) throws IOException {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.readOnly = false;
        this.embedder = embedder;
        this.limits = limits;
        this.clock = clock;
        Files.createDirectories(this.dataDir);
        this.walker = new FolderWalker(this.dataDir, true);
        // The BM25 analysis is part of the recipe: an index written with other analysis has terms
        // the queries no longer produce, so it is rebuilt like one written with another model.
        this.recipe = Recipe.current(embedder.modelName(), embedder.dimensions(), chunkTokens, ChunkIndex.ANALYSIS_VERSION);
        IndexGeneration current = chooseActive();
        this.active = openWritable(current);
        if (current.recipe().equals(recipe)) {
            Generations.removeStale(this.dataDir, Set.of(current));
        } else {
            IndexGeneration next = IndexGeneration.forRecipe(recipe);
            Generations.removeStale(this.dataDir, Set.of(current, next)); // a build for another recipe is abandoned
            try {
                this.building = openWritable(next); // a build a crash interrupted goes on where it stopped
            } catch (RuntimeException e) {
                active.close();
                throw e;
            }
            log.info("The {} changed: answering from index generation {} while generation {} is built ({})",
                    recipe.changesFrom(current.recipe()), current.id(), next.id(), recipe.canonical());
        }
        try {
            this.cache = EmbeddingCache.open(this.dataDir.resolve(EmbeddingCache.FILE));
        } catch (RuntimeException e) {
            active.close();
            if (building != null) building.close();
            throw e;
        }
        this.cacheModel = DocumentPipeline.cacheModelId(embedder);
        this.pipeline = new DocumentPipeline(
                new TextExtractor(TextExtractor.DEFAULT_MAX_CHARACTERS, PageOcr.fromSetting(limits.ocr(), limits.ocrLanguages(), limits.timePerFile())),
                new Chunker(embedder::countTokens, chunkTokens), embedder, cache);
    }

    /**
     * The generation the pointer names; without a pointer, the data directory's top-level catalog
     * and index (the first generation, or a data directory from before generations, adopted with
     * the recipe its catalog recorded, so a matching one is not re-indexed), written to the
     * pointer so that from now on the pointer alone says which generation answers.
     */
    private IndexGeneration chooseActive() {
        Optional<IndexGeneration> pointed = Generations.readPointer(dataDir);
        if (pointed.isPresent()) return pointed.get();
        IndexGeneration root = IndexGeneration.root(recipe);
        if (Generations.hasRootCatalog(dataDir)) {
            Optional<String> key;
            try (Catalog old = Catalog.open(root.catalogFile(dataDir))) {
                key = old.meta(MODEL_KEY);
            }
            root = IndexGeneration.root(key.map(k -> Recipe.fromLegacyKey(k)).orElse(recipe));
            log.info("Adopted the index in {} as the first generation ({})", dataDir, root.recipe().canonical());
        }
        Generations.writePointer(dataDir, root);
        return root;
    }

    /** Opens (creating) a generation's catalog and index, and reconciles them. */
    private Opened openWritable(IndexGeneration g) throws IOException {
        Files.createDirectories(g.dir(dataDir));
        Catalog catalog = Catalog.open(g.catalogFile(dataDir));
        ChunkIndex index;
        try {
            index = ChunkIndex.open(g.indexDir(dataDir));
        } catch (RuntimeException e) {
            catalog.close(); // e.g. another process holds the index: leave nothing open behind
            throw e;
        }
        if (g.recipe().equals(recipe)) catalog.setMeta(MODEL_KEY, recipe.legacyKey()); // for readers of the older layout
        Reconciler.reconcile(catalog, index);
        return new Opened(g, catalog, index, g.recipe().vectorsCompatibleWith(recipe));
    }

    /** Read-only: the committed catalog and index, no write lock, no pipeline; sync() refuses. */
    private Indexer(Path dataDir, Embedder embedder) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.readOnly = true;
        this.embedder = embedder;
        this.recipe = null;
        this.limits = IndexingLimits.defaults();
        this.clock = Clock.systemUTC();
        this.active = openReadOnly(Generations.activeForReading(this.dataDir));
        this.pipeline = null;
        this.cache = null;
        this.cacheModel = null;
    }

    /** Opens a generation's committed state for reading beside a writer. */
    private Opened openReadOnly(IndexGeneration g) {
        Path catalogFile = g.catalogFile(dataDir);
        if (!Files.isRegularFile(catalogFile)) {
            throw new IllegalStateException("No index in " + dataDir + " yet: run ./docent index FOLDER first");
        }
        Catalog catalog = Catalog.openReadOnly(catalogFile);
        ChunkIndex index;
        try {
            index = ChunkIndex.openReadOnly(g.indexDir(dataDir));
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        String model = embedder.modelName() + "/" + embedder.dimensions() + "/";
        String built = g.recipe() != null ? g.recipe().legacyKey() : catalog.meta(MODEL_KEY).orElse(model);
        boolean usable = built.startsWith(model);
        if (!usable) {
            log.warn("The index was built with {}, not {}: searching its words only until serve or index re-embeds it",
                    built, model);
        }
        return new Opened(g, catalog, index, usable);
    }

    /**
     * Read-only: moves to the generation the pointer names if a writer switched since, so a
     * long-running reader (mcp) follows a rebuild. The old one is closed once no search uses it.
     */
    private void followPointer() {
        if (!readOnly) return;
        synchronized (switching) { // two searches that both see the switch open the new one once
            followPointerLocked();
        }
    }

    private void followPointerLocked() {
        Opened a = active;
        IndexGeneration now;
        try {
            now = Generations.activeForReading(dataDir);
        } catch (RuntimeException e) {
            return; // a damaged or missing pointer: keep what is open rather than fail the search
        }
        if (now.name().equals(a.generation().name())) return;
        Opened next = openReadOnly(now);
        switching.writeLock().lock();
        try {
            active = next;
        } finally {
            switching.writeLock().unlock();
        }
        a.close();
        log.info("Following the writer to index generation {}", now.id());
    }

    /**
     * Opens what a writer (serve, index) last committed in {@code dataDir}, for searching beside
     * it: takes no lock, writes nothing, never re-indexes (used by ask). Follows the pointer to
     * the active generation, and to the next one when a writer switches.
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

    /** With the chunking and per-file limits of {@code limits}. */
    public static Indexer open(Path dataDir, Embedder embedder, IndexingLimits limits) {
        return open(dataDir, embedder, limits.chunkTokens(), limits);
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

    /**
     * The index of the generation that answers now. After a generation switch this is another
     * object and the old one is closed: take it per use, do not keep it ({@link #search} does).
     */
    public ChunkIndex index() {
        followPointer();
        return active.index();
    }

    /**
     * Hybrid search in the active generation, the way answers retrieve: follows a switch, and
     * searches words only while the active generation was embedded by another model (its vectors
     * and this model's query vectors are not comparable).
     */
    public List<Hit> search(String queryText, float[] queryVector, int topK) {
        followPointer();
        switching.readLock().lock();
        try {
            Opened a = active;
            if (readOnly) a.index().refresh(); // what the writer committed since
            return a.index().search(queryText, a.vectorsUsable() ? queryVector : null, topK);
        } finally {
            switching.readLock().unlock();
        }
    }

    /** The active generation's documents (what answers come from). */
    public List<DocumentRecord> documents() {
        followPointer();
        switching.readLock().lock();
        try {
            return active.catalog().all();
        } finally {
            switching.readLock().unlock();
        }
    }

    /** One page of the catalog, filtered in SQLite (see {@link Catalog#page}). */
    public DocumentPage documents(DocumentStatus status, boolean needsOcr, String text, int offset, int limit) {
        followPointer();
        switching.readLock().lock();
        try {
            return active.catalog().page(status, needsOcr, text, offset, limit);
        } finally {
            switching.readLock().unlock();
        }
    }

    /** The catalog's record of {@code path}, if it has one. */
    public java.util.Optional<DocumentRecord> document(String path) {
        followPointer();
        switching.readLock().lock();
        try {
            return active.catalog().find(path);
        } finally {
            switching.readLock().unlock();
        }
    }

    public IndexStatus status() {
        switching.readLock().lock();
        try {
            Opened a = active;
            Map<DocumentStatus, Integer> counts = a.catalog().countByStatus();
            Progress p = progress;
            return new IndexStatus(counts.get(DocumentStatus.INDEXED), counts.get(DocumentStatus.PENDING),
                    counts.get(DocumentStatus.FAILED), a.index().chunkCount(), p.running(), p.done(), p.toProcess(),
                    p.current(), lastWalk.skipped(), lastWalk.skippedCount(), p.running()
                            ? SyncThroughput.measure(p.done(), p.toProcess(), p.failed(), p.chunks(), p.startedNanos())
                            : null, reading());
        } finally {
            switching.readLock().unlock();
        }
    }

    private IndexStatus.Reading reading() {
        SyncRun r = running;
        return r == null ? null : r.reading();
    }

    /** Which generation answers, and the progress of one being built for a changed recipe. */
    public GenerationStatus generationStatus() {
        Opened a = active;
        Opened b = building;
        if (b == null) return new GenerationStatus(a.generation().id(), recipeText(a.generation()), null);
        Map<DocumentStatus, Integer> counts = b.catalog().countByStatus();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int done = counts.get(DocumentStatus.INDEXED) + counts.get(DocumentStatus.FAILED);
        Progress p = progress;
        if (p.running()) done = Math.max(0, total - p.toProcess()) + p.done(); // rows are written at each commit
        return new GenerationStatus(a.generation().id(), recipeText(a.generation()), new GenerationStatus.Rebuild(
                b.generation().id(), recipe.canonical(), "new " + recipe.changesFrom(a.generation().recipe()), done, total));
    }

    private static String recipeText(IndexGeneration g) {
        return g.recipe() == null ? null : g.recipe().canonical();
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
            Opened next = building;
            return next == null ? syncLocked(active, folders, listener) : rebuild(next, folders, listener);
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Syncs the generation being built, then syncs it once more (a walk: only what changed while
     * it was built costs anything), and switches to it when no file in it is left pending.
     *
     * <p>The active generation is not synced meanwhile: when the embedding model changed it could
     * not be (the old model is not loaded), and one rule for every change is simpler. Nothing is
     * lost by it: the new generation's last sync walks the folders after the build, and a change
     * after that walk triggers the next sync, which the new generation then answers.
     */
    private SyncReport rebuild(Opened next, List<Path> folders, SyncProgress listener) {
        SyncReport report = syncLocked(next, folders, listener);
        if (stopping) return report;
        if (report.seen() == 0 && !active.catalog().all().isEmpty()) {
            // The folders are gone or unreadable (an unmounted drive?): an empty generation would
            // replace every answer with none. Keep the old one until the files are back.
            log.warn("The folders {} hold no files now; generation {} keeps answering until they do", folders,
                    active.generation().id());
            return report;
        }
        SyncReport catchUp = syncLocked(next, folders, SyncProgress.NONE);
        if (stopping) return report;
        int pending = next.catalog().countByStatus().get(DocumentStatus.PENDING);
        if (pending > 0) {
            log.warn("Index generation {} still has {} pending file(s); the switch waits for the next sync",
                    next.generation().id(), pending);
            return report;
        }
        switchTo(next);
        SyncReport both = new SyncReport(report.seen(), report.indexed() + catchUp.indexed(), report.failed() + catchUp.failed(),
                report.unchanged(), report.removed() + catchUp.removed(), report.chunks() + catchUp.chunks(),
                report.took().plus(catchUp.took()), report.reused() + catchUp.reused(), report.embedded() + catchUp.embedded());
        evictCacheIfGrown(); // the old generation's texts no longer count
        return both;
    }

    /** Points the data directory at {@code next} (atomically), searches after it, and deletes the old one. */
    private void switchTo(Opened next) {
        Generations.writePointer(dataDir, next.generation()); // from here on a restart opens next
        Opened old;
        switching.writeLock().lock(); // waits for searches running on the old one
        try {
            old = active;
            active = next;
            building = null;
        } finally {
            switching.writeLock().unlock();
        }
        log.info("Index generation {} is complete and answers now; deleting generation {}", next.generation().id(),
                old.generation().id());
        try {
            old.close();
        } finally {
            Generations.delete(dataDir, old.generation());
        }
    }

    private SyncReport syncLocked(Opened g, List<Path> folders, SyncProgress listener) {
        Catalog catalog = g.catalog();
        ChunkIndex index = g.index();
        long started = System.nanoTime();
        WalkResult walk = walker.walk(folders); // never throws: what it cannot read is in walk.skipped()
        lastWalk = walk;
        List<Path> roots = walk.roots();
        List<FileState> found = walk.files();
        var batch = new CommitBatch(catalog, index);
        List<DocumentRecord> vanished = vanished(catalog, roots, found);
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
        ChunkDonors donors = donors(catalog, index, vanished, inWork, workSizes, batch);
        int removed = vanished.size();
        listener.planned(found.size(), work.size());
        long startedNanos = System.nanoTime();
        progress = new Progress(true, 0, work.size(), null, 0, 0, startedNanos);
        SyncRun.Tally tally;
        try {
            if (work.isEmpty()) {
                tally = new SyncRun.Tally();
            } else {
                var run = new SyncRun(batch, index, pipeline, new FileAccess(roots, limits.maxFileBytes()), limits.timePerFile(),
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
            batch.commit();
            cache.flush();
            progress = Progress.IDLE;
        }
        removed -= donors.takenOverCount(); // renames and moves: counted as reused, not removed
        if (stopping) removed -= donors.leftOver().size(); // left for the next sync
        // While a generation is built the active one's chunks are live too: evict after the switch.
        if (building == null && tally.indexed + removed + tally.reused > 0) evictCacheIfGrown();
        var report = new SyncReport(found.size(), tally.indexed, tally.failed, found.size() - work.size() + tally.unchanged,
                removed, tally.chunks, Duration.ofNanos(System.nanoTime() - started), tally.reused, tally.embedded);
        log.info("Sync of {}: {}", roots, report);
        return report;
    }

    /** Catalog rows under the synced folders whose file the walk did not find. */
    private static List<DocumentRecord> vanished(Catalog catalog, List<Path> roots, List<FileState> found) {
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
    private static ChunkDonors donors(Catalog catalog, ChunkIndex index, List<DocumentRecord> vanished, Set<String> inWork,
            Set<Long> workSizes, CommitBatch batch) {
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
     * Drops cached vectors no indexed chunk of the active generation uses, once the cache holds
     * noticeably more entries than the index holds chunks (so a sync that changes little costs
     * nothing here). Returns how many were dropped.
     */
    int evictCacheIfGrown() {
        ChunkIndex index = active.index();
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
        synchronized (this) {
            if (closed) return; // a shutdown hook and a try-with-resources may both close
            closed = true;
        }
        stopping = true;
        boolean locked = false;
        try {
            locked = syncLock.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked) log.warn("A sync did not stop within {} s; closing the index under it", CLOSE_WAIT.toSeconds());
        try {
            active.close();
        } finally {
            try {
                if (building != null) building.close();
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
