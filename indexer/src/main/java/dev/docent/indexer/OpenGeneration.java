package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.generation.IndexGeneration;
import dev.docent.indexer.generation.Recipe;
import dev.docent.retriever.DocumentIndex;
import dev.docent.retriever.fusion.HybridSearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One index generation with its catalog and its index open. The two are opened together and
 * closed together, because "this file is indexed, with n chunks" is only true of one index: a
 * catalog must never be read against another generation's index.
 *
 * <p>Locking: none. Its fields are final, {@link Catalog} and {@link DocumentIndex} are
 * thread-safe, and {@link #close()} is idempotent through an atomic flag (at shutdown the
 * indexer's close may race a generation switch that hands this one over). Whoever opened it closes
 * it: {@link ActiveGeneration} the one that answers, {@link GenerationBuilder} the one being built.
 */
final class OpenGeneration {

    /** Logs under the facade's name, so the log reads as it did before the indexer was split. */
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    /** The catalog key that records the recipe for readers of the layout from before generations. */
    static final String MODEL_KEY = "embedding_model";

    private final IndexGeneration generation;
    private final Catalog catalog;
    private final DocumentIndex index;
    private final boolean vectorsUsable;
    /** Hybrid search with the default fusion over {@link #index}'s searcher. */
    private final HybridSearch search;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OpenGeneration(IndexGeneration generation, Catalog catalog, DocumentIndex index, boolean vectorsUsable) {
        this.generation = generation;
        this.catalog = catalog;
        this.index = index;
        this.vectorsUsable = vectorsUsable;
        this.search = HybridSearch.defaults(index.searcher());
    }

    IndexGeneration generation() {
        return generation;
    }

    Catalog catalog() {
        return catalog;
    }

    DocumentIndex index() {
        return index;
    }

    /** The {@code topK} best chunks for the question by the default hybrid search (BM25 alone when {@code vector} is null). */
    java.util.List<dev.docent.retriever.Hit> search(String text, float[] vector, int topK) {
        return search.search(text, vectorsUsable ? vector : null, topK);
    }

    /**
     * Whether query vectors of this Docent's embedding model may be searched in it (false while an
     * index built by another model still answers: then BM25 alone).
     */
    boolean vectorsUsable() {
        return vectorsUsable;
    }

    /** Opens (creating) a generation's catalog and index for writing, and reconciles them. */
    static OpenGeneration openWritable(Path dataDir, IndexGeneration g, Recipe configured, IndexStorage storage) throws IOException {
        Files.createDirectories(g.dir(dataDir));
        Catalog catalog = Catalog.open(g.catalogFile(dataDir));
        DocumentIndex index;
        try {
            index = storage.openWritable(dataDir, g);
        } catch (RuntimeException e) {
            catalog.close(); // e.g. another process holds the index: leave nothing open behind
            throw e;
        }
        if (g.recipe().equals(configured)) catalog.setMeta(MODEL_KEY, configured.legacyKey()); // for readers of the older layout
        Reconciler.reconcile(catalog, index);
        return new OpenGeneration(g, catalog, index, g.recipe().vectorsCompatibleWith(configured));
    }

    /**
     * A shared index read by a server that indexes nothing ({@code serve --read-only} on a
     * cluster): the catalog given is this server's mirror of every writer's published rows
     * ({@link dev.docent.indexer.publish.CatalogMirror}, which alone writes it).
     */
    static OpenGeneration shared(Catalog mirrored, IndexStorage.SharedIndex shared) {
        return new OpenGeneration(new IndexGeneration(IndexGeneration.ROOT, null), mirrored, shared.index(), shared.vectorsUsable());
    }

    /** Opens a generation's committed state for reading beside a writer: no lock, nothing written. */
    static OpenGeneration openReadOnly(Path dataDir, IndexGeneration g, Embedder embedder, IndexStorage storage) {
        Path catalogFile = g.catalogFile(dataDir);
        if (!Files.isRegularFile(catalogFile)) {
            throw new IllegalStateException("No index in " + dataDir + " yet: run ./docent index FOLDER first");
        }
        Catalog catalog = Catalog.openReadOnly(catalogFile);
        DocumentIndex index;
        try {
            index = storage.openReadOnly(dataDir, g);
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
        return new OpenGeneration(g, catalog, index, usable);
    }

    /** Closes the index (which commits a writer's last changes), then the catalog; once. */
    void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            index.close();
        } finally {
            catalog.close();
        }
    }
}
