package dev.docent.opensearch;

import dev.docent.indexer.IndexStorage;
import dev.docent.indexer.generation.IndexGeneration;
import dev.docent.retriever.DocumentIndex;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexer's generations on an OpenSearch cluster: generation {@code g} of index {@code NAME}
 * is the cluster index {@code NAME-FINGERPRINT} (with {@code NAME-FINGERPRINT-documents}), written
 * by every Docent that shares the cluster and builds under the same recipe, each as its own owner.
 * The alias {@code NAME} (and {@code NAME-documents}) names the generation that answers: switched
 * in one request when a writer's generation becomes active, so a read-only server searching the
 * alias sees one generation or the other. The catalog stays on the writer's machine; its rows are
 * published to {@code NAME-catalog} ({@link ClusterCatalog}) for read-only servers to mirror.
 */
public final class ClusterStorage implements IndexStorage {

    private static final Logger log = LoggerFactory.getLogger(ClusterStorage.class);

    private final OpenSearchConnection connection;
    private final String name;
    private final String owner;
    private final OpenSearchIndex.IndexOptions options;

    /**
     * @param name the index name in the configuration: the alias readers search
     * @param owner this writer's name in the cluster (its documents are the ones it reconciles)
     */
    public ClusterStorage(OpenSearchConnection connection, String name, String owner, OpenSearchIndex.IndexOptions options) {
        this.connection = connection;
        this.name = name;
        this.owner = owner;
        this.options = options;
        this.catalog = owner == null ? null : new ClusterCatalog(connection, name, owner, options.replicas());
    }

    /** This writer's catalog rows, published to {@code NAME-catalog} for read-only servers; null without an owner. */
    private final ClusterCatalog catalog;

    @Override
    public dev.docent.indexer.publish.CatalogPublisher catalogPublisher() {
        return catalog == null ? dev.docent.indexer.publish.CatalogPublisher.NONE : catalog;
    }

    /** Every writer's published rows, for a read-only server's mirror. */
    @Override
    public java.util.Optional<dev.docent.indexer.publish.CatalogFeed> catalogFeed() {
        return java.util.Optional.of(new ClusterCatalogFeed(connection, name));
    }

    /** The cluster index of generation {@code g}. */
    public String indexOf(IndexGeneration g) {
        return name + "-" + (g.recipe() == null ? g.id() : g.recipe().fingerprint());
    }

    @Override
    public DocumentIndex openWritable(Path dataDir, IndexGeneration g) {
        OpenSearchIndex index = OpenSearchIndex.open(connection, indexOf(g), owner, options);
        if (g.recipe() != null) index.createChunkIndex(g.recipe().dimensions(), g.recipe().canonical());
        return index;
    }

    @Override
    public DocumentIndex openReadOnly(Path dataDir, IndexGeneration g) {
        return OpenSearchIndex.openReadOnly(connection, indexOf(g));
    }

    @Override
    public void activated(IndexGeneration g) {
        OpenSearchIndex index = OpenSearchIndex.openReadOnly(connection, indexOf(g));
        OpenSearchIndex.pointAlias(connection, name, index);
        log.info("The OpenSearch alias {} names generation {} ({})", name, g.id(), indexOf(g));
    }

    @Override
    public void dropped(IndexGeneration g) {
        // Other writers may still hold documents in it (they switch when they rebuild): it stays,
        // and whoever runs the cluster deletes it once no writer uses that recipe.
        log.info("Generation {} is no longer this writer's; the cluster index {} stays for other writers", g.id(), indexOf(g));
    }

    /**
     * The alias, read-only: it follows every switch. Its vectors are usable when the generation it
     * names now was built with this Docent's embedding model (its recipe, kept in the index's mapping).
     */
    @Override
    public java.util.Optional<SharedIndex> openShared(dev.docent.indexer.generation.Recipe recipe) {
        var aliased = connection.callOrNull("GET", "/_alias/" + name, null, null);
        String named = aliased == null || aliased.size() == 0 ? null : aliased.fieldNames().next();
        if (named == null) {
            throw new IllegalStateException("the OpenSearch cluster has no index " + name + " yet: start a writer (serve or index"
                    + " with index.backend = opensearch and the same index.opensearch.index) first");
        }
        OpenSearchIndex shared = OpenSearchIndex.openReadOnly(connection, name);
        String built = shared.recipe();
        boolean usable = built != null && dev.docent.indexer.generation.Recipe.parse(built).vectorsCompatibleWith(recipe);
        return java.util.Optional.of(new SharedIndex(shared, usable, named));
    }

    @Override
    public String name() {
        return "opensearch";
    }
}
