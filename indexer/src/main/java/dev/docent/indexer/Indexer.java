package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentPage;
import dev.docent.indexer.catalog.DocumentQuery;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.ExtractionException;
import dev.docent.indexer.extract.TextExtractor;
import dev.docent.indexer.generation.Generations;
import dev.docent.indexer.generation.IndexGeneration;
import dev.docent.indexer.generation.Recipe;
import dev.docent.indexer.publish.CatalogFeed;
import dev.docent.indexer.publish.CatalogMirror;
import dev.docent.indexer.watch.WalkResult;
import dev.docent.retriever.DocumentIndex;
import dev.docent.retriever.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Owns the catalog and the search index under one data directory, and keeps them in step with a
 * set of folders. One sync runs at a time; searches may run concurrently with it.
 *
 * <p>Catalog and index belong to an {@link IndexGeneration}: what was built under one {@link
 * Recipe} (embedding model, chunking, analysis, extraction). When the configured recipe differs
 * from the active generation's, searches keep using the active one while syncs build a new one
 * beside it; once every file is in it (indexed or failed with a reason) the pointer file is
 * switched atomically, searches move to it, and the old one is deleted.
 *
 * <p>A facade over the parts that do this, each with one way of locking: {@link ActiveGeneration}
 * (the generation that answers, read through {@link IndexLease}s, so a switch never closes an index
 * under a reader), {@link SyncWriter} (the syncs, one at a time under its sync lock), {@link
 * GenerationBuilder} (the build of a new generation and the switch to it, confined to the sync),
 * and for a read-only indexer {@link PointerFollower} (follows a writer's switch). The facade itself
 * locks nothing: its only state is an atomic closed flag.
 */
public final class Indexer implements AutoCloseable {

    private final ActiveGeneration active;
    /** Writes and syncs; null when read-only. */
    private final SyncWriter writer;
    /** Follows a writer's generation switch; null when this indexer is the writer. */
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Indexer.class);

    private final PointerFollower follower;
    /** Reads catalogued files again for their text, as the sync reads them. */
    private final DocumentReader reader;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A read-only server's mirror of the writers' published catalogs; null otherwise. */
    private final CatalogMirror mirror;

    private Indexer(ActiveGeneration active, SyncWriter writer, PointerFollower follower, DocumentReader reader) {
        this(active, writer, follower, reader, null);
    }

    private Indexer(ActiveGeneration active, SyncWriter writer, PointerFollower follower, DocumentReader reader, CatalogMirror mirror) {
        this.active = active;
        this.writer = writer;
        this.follower = follower;
        this.reader = reader;
        this.mirror = mirror;
    }

    /**
     * For a read-only server on a shared index: when its documents mirror last matched the
     * writers' published catalogs, and why it does not now (null: it does). Empty for any other indexer.
     */
    public Optional<CatalogMirror.State> catalogMirror() {
        return mirror == null ? Optional.empty() : Optional.of(mirror.state());
    }

    /** Brings a read-only server's documents mirror up to date now (it also does so every {@link #MIRROR_EVERY}). */
    public void syncMirror() {
        if (mirror != null) mirror.sync();
    }

    /**
     * Opens what a writer (serve, index) last committed in {@code dataDir}, for searching beside
     * it: takes no lock, writes nothing, never re-indexes (used by ask). Follows the pointer to
     * the active generation, and to the next one when a writer switches.
     */
    public static Indexer openReadOnly(Path dataDir, Embedder embedder) {
        return openReadOnly(dataDir, embedder, IndexingLimits.defaults());
    }

    /** As {@link #openReadOnly(Path, Embedder)}; {@link #readDocument} reads under {@code limits} (size, time, OCR). */
    public static Indexer openReadOnly(Path dataDir, Embedder embedder, IndexingLimits limits) {
        return openReadOnly(dataDir, embedder, limits, IndexStorage.LUCENE);
    }

    /** As above, with the index where {@code storage} keeps it (the catalog stays in {@code dataDir}). */
    public static Indexer openReadOnly(Path dataDir, Embedder embedder, IndexingLimits limits, IndexStorage storage) {
        Path dir = dataDir.toAbsolutePath().normalize();
        var active = new ActiveGeneration(OpenGeneration.openReadOnly(dir, Generations.activeForReading(dir), embedder, storage));
        return new Indexer(active, null, new PointerFollower(dir, embedder, active, storage), DocumentReader.lazy(limits));
    }

    /** How often a read-only server's documents mirror asks the writers' published catalogs what changed. */
    public static final java.time.Duration MIRROR_EVERY = java.time.Duration.ofSeconds(3);

    /**
     * Opens the index every writer of a shared {@code storage} writes (a cluster's alias), for a
     * server that indexes nothing: searches answer from every writer's documents; the catalog is
     * this server's mirror of every writer's published rows ({@code DATA/shared-reader/catalog.db},
     * rewritten at each open, then kept current every {@link #MIRROR_EVERY}: see {@link
     * CatalogMirror}), so listings, filters and collection questions see every writer's documents.
     *
     * @throws IllegalArgumentException when {@code storage} is one machine's own (Lucene): read it with {@link #openReadOnly}
     */
    public static Indexer openShared(Path dataDir, Embedder embedder, int chunkTokens, IndexingLimits limits, IndexStorage storage) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Recipe recipe = Recipe.current(embedder.modelName(), embedder.dimensions(), chunkTokens,
                dev.docent.retriever.lucene.ChunkIndex.ANALYSIS_VERSION);
        IndexStorage.SharedIndex shared = storage.openShared(recipe).orElseThrow(() -> new IllegalArgumentException(
                "a read-only server needs a shared index (index.backend = opensearch); the " + storage.name()
                        + " index is read beside its writer with the same --data instead"));
        if (!shared.vectorsUsable()) {
            log.warn("The shared index names generation {}, not one built with {}: searching its words only", shared.generation(),
                    embedder.modelName());
        }
        CatalogFeed feed = storage.catalogFeed().orElseThrow(() -> new IllegalArgumentException(
                "the " + storage.name() + " index publishes no catalog"));
        Catalog mirrored;
        try {
            Path file = Files.createDirectories(dir.resolve("shared-reader")).resolve("catalog.db");
            for (String suffix : List.of("", "-wal", "-shm")) Files.deleteIfExists(Path.of(file + suffix)); // loaded whole below
            mirrored = Catalog.open(file);
        } catch (IOException e) {
            shared.index().close();
            throw new UncheckedIOException("Cannot create " + dir.resolve("shared-reader"), e);
        }
        CatalogMirror mirror;
        try {
            mirror = CatalogMirror.start(mirrored, feed, MIRROR_EVERY);
        } catch (RuntimeException e) {
            mirrored.close();
            shared.index().close();
            throw e;
        }
        var active = new ActiveGeneration(OpenGeneration.shared(mirrored, shared));
        return new Indexer(active, null, null, DocumentReader.lazy(limits), mirror);
    }

    /** Opens the catalog and index in {@code dataDir}, creating them if needed. */

    /**
     * Makes {@code DATA/tmp/PID} the temp folder of this process's parsers (ImageIO's cache of the
     * images Tika reads goes there, not to /tmp) and deletes those of ended processes. Call it
     * before any file is read.
     */
    public static java.nio.file.Path claimTempFolder(java.nio.file.Path dataDir) {
        return dev.docent.indexer.extract.TempFolder.claim(dataDir.resolve("tmp"));
    }

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
        return open(dataDir, embedder, chunkTokens, limits, Clock.systemUTC(), IndexStorage.LUCENE);
    }

    /** With the index where {@code storage} keeps it (the catalog stays in {@code dataDir}). */
    public static Indexer open(Path dataDir, Embedder embedder, int chunkTokens, IndexingLimits limits, IndexStorage storage) {
        return open(dataDir, embedder, chunkTokens, limits, Clock.systemUTC(), storage);
    }

    static Indexer open(Path dataDir, Embedder embedder, int chunkTokens, IndexingLimits limits, Clock clock) {
        return open(dataDir, embedder, chunkTokens, limits, clock, IndexStorage.LUCENE);
    }

    /** With a clock of the caller's: tests move time on to reach a retry. */
    static Indexer open(Path dataDir, Embedder embedder, int chunkTokens, IndexingLimits limits, Clock clock,
            IndexStorage storage) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            // The BM25 analysis is part of the recipe: an index written with other analysis has terms
            // the queries no longer produce, so it is rebuilt like one written with another model.
            Recipe recipe = Recipe.current(embedder.modelName(), embedder.dimensions(), chunkTokens, dev.docent.retriever.lucene.ChunkIndex.ANALYSIS_VERSION);
            GenerationBuilder generations = GenerationBuilder.open(dir, recipe, storage);
            TextExtractor extractor;
            try {
                extractor = DocumentReader.extractor(limits);
            } catch (RuntimeException e) { // a bad indexing.ocr setting
                generations.close();
                throw e;
            }
            SyncWriter writer = SyncWriter.open(dir, embedder, chunkTokens, limits, clock, generations, extractor);
            return new Indexer(generations.active(), writer, null, DocumentReader.sharing(extractor, limits));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
    }

    /**
     * While {@code condition} holds, embedding pauses between chunks: used to give the cores to
     * the language model while it answers.
     */
    public void pauseWhile(BooleanSupplier condition) {
        if (writer != null) writer.pauseWhile(condition);
    }

    /** Whether {@code .gitignore} files count as well as {@code .docentignore} (default true). */
    public void respectGitignore(boolean respect) {
        if (writer != null) writer.respectGitignore(respect);
    }

    /**
     * A hold on the index of the generation that answers now (a read-only indexer first follows a
     * writer's switch). The index is not closed under the lease: a generation switch waits until it
     * is closed. Use it in try-with-resources, briefly, and not around a {@link #sync}.
     */
    public IndexLease lease() {
        follow();
        return active.lease();
    }

    /** {@code read} applied to the index that answers now, under a {@link #lease()}. */
    public <T> T withIndex(Function<DocumentIndex, T> read) {
        try (IndexLease lease = lease()) {
            return read.apply(lease.index());
        }
    }

    /**
     * Hybrid search in the active generation, the way answers retrieve: follows a switch, and
     * searches words only while the active generation was embedded by another model (its vectors
     * and this model's query vectors are not comparable).
     */
    public List<Hit> search(String queryText, float[] queryVector, int topK) {
        try (IndexLease lease = lease()) {
            OpenGeneration a = lease.generation();
            if (follower != null) a.index().refresh(); // what the writer committed since
            return a.search(queryText, queryVector, topK);
        }
    }

    /** The active generation's documents (what answers come from). */
    public List<DocumentRecord> documents() {
        return withCatalog(Catalog::all);
    }

    /** One page of the catalog, filtered in SQLite (see {@link Catalog#page}). */
    public DocumentPage documents(DocumentStatus status, boolean needsOcr, String text, int offset, int limit) {
        return withCatalog(c -> c.page(status, needsOcr, text, offset, limit));
    }

    /**
     * Every document of the active generation that matches {@code query} (folder, types, times,
     * language, dates its text mentions), in path order, filtered in SQLite (see {@link
     * Catalog#query}).
     */
    public List<DocumentRecord> documents(DocumentQuery query) {
        return withCatalog(c -> c.query(query));
    }

    /** How many documents match {@code query}. */
    public int count(DocumentQuery query) {
        return withCatalog(c -> c.count(query));
    }

    /** The distinct dates the text of {@code path} mentions, in calendar order (empty if none or unknown). */
    public List<java.time.LocalDate> textDates(String path) {
        return withCatalog(c -> c.textDates(path));
    }

    /** The catalog's record of {@code path}, if it has one. */
    public Optional<DocumentRecord> document(String path) {
        return withCatalog(c -> c.find(path));
    }

    /**
     * The text of the catalogued document at {@code path}, read from its file now, the way a sync
     * reads it: the configured extractor with OCR, under the per-file time and size limits, only
     * if it is still a regular file (no link) at exactly the place the catalog recorded (see
     * {@link DocumentReader}). Runs on a thread of its own; may take as long as a sync's read.
     *
     * @throws ExtractionException when it is not in the catalog, or cannot be read now; the message
     *     says why, in words (e.g. "is a symbolic link (not followed)", "too large: ...")
     */
    public ExtractedDocument readDocument(String path) throws ExtractionException {
        if (document(path).isEmpty()) throw new ExtractionException("is not in the catalog");
        return reader.read(path);
    }

    private <T> T withCatalog(Function<Catalog, T> read) {
        try (IndexLease lease = lease()) {
            return read.apply(lease.generation().catalog());
        }
    }

    public IndexStatus status() {
        // A reader (ask, mcp) follows the writer's switch and sees its last commit, as search does.
        try (IndexLease lease = lease()) {
            OpenGeneration a = lease.generation();
            if (follower != null) a.index().refresh();
            Map<DocumentStatus, Integer> counts = a.catalog().countByStatus(); // a shared index's reader: its mirror's
            SyncWriter.Progress p = writer == null ? SyncWriter.Progress.IDLE : writer.progress();
            WalkResult walk = writer == null ? WalkResult.empty() : writer.lastWalk();
            return new IndexStatus(counts.get(DocumentStatus.INDEXED), counts.get(DocumentStatus.PENDING),
                    counts.get(DocumentStatus.FAILED), chunkCount(a.index()), p.running(), p.done(), p.toProcess(),
                    p.current(), walk.skipped(), walk.skippedCount(), p.running()
                            ? SyncThroughput.measure(p.done(), p.toProcess(), p.failed(), p.chunks(), p.startedNanos())
                            : null, writer == null ? null : writer.reading());
        }
    }

    /** Which generation answers, and the progress of one being built for a changed recipe. */
    public GenerationStatus generationStatus() {
        return writer == null ? GenerationBuilder.settled(active.current().generation()) : writer.generationStatus();
    }

    /**
     * Brings the index in line with {@code folders}: new and changed files are indexed, files
     * that are gone are removed. Unchanged files cost a stat (and a hash if only mtime moved).
     * When a new generation is complete it switches to it, after the open {@link IndexLease}s on
     * the old one are closed: do not call it while holding one.
     */
    public SyncReport sync(List<Path> folders, SyncProgress listener) {
        if (writer == null) {
            throw new IllegalStateException(closed.get() ? "indexer is closed" : "this indexer was opened read-only");
        }
        return writer.sync(folders, listener);
    }

    /** For tests: evict after any sync in which the cache holds more than this many extra entries. */
    void cacheSlack(int entries) {
        if (writer != null) writer.cacheSlack(entries);
    }

    /** For tests that cannot mount a filesystem: the filesystem each watched folder is on. */
    void deviceProbe(Function<Path, String> device) {
        if (writer != null) writer.deviceProbe(device);
    }

    private void follow() {
        if (follower != null) follower.follow();
    }

    /**
     * Stops a running sync (within one chunk's embedding; the file in hand stays pending and a
     * stuck extraction is abandoned), waits a few seconds at most for it to commit what is
     * complete, then closes index (which commits) and catalog. Returns within seconds whatever the
     * sync was doing, so shutdown never hangs and the data directory is free for a restart.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return; // a shutdown hook and a try-with-resources may both close
        if (mirror != null) mirror.close(); // no poll writes the mirror's catalog once it closes
        if (writer != null) writer.close();
        else active.close();
    }

    /** The index's chunks, or -1 when it cannot be reached now (a cluster that does not answer): the status still reports the rest. */
    private static int chunkCount(DocumentIndex index) {
        try {
            return index.chunkCount();
        } catch (dev.docent.retriever.IndexUnavailable e) {
            return -1;
        }
    }
}
