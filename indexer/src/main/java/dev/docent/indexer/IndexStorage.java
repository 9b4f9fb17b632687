package dev.docent.indexer;

import dev.docent.indexer.generation.IndexGeneration;
import dev.docent.retriever.DocumentIndex;
import dev.docent.retriever.lucene.ChunkIndex;
import java.nio.file.Path;

/**
 * Where a generation's index lives: the embedded Lucene index in the generation's folder
 * ({@link #LUCENE}, the default), or elsewhere (an OpenSearch cluster, wired by the composition
 * root). The catalog always stays in the generation's folder on this machine: it records what
 * this writer indexed, whichever engine holds the chunks.
 */
public interface IndexStorage {

    /** Opens (creating) {@code g}'s index for writing. */
    DocumentIndex openWritable(Path dataDir, IndexGeneration g);

    /** Opens {@code g}'s committed index for reading beside a writer: no lock, nothing written. */
    DocumentIndex openReadOnly(Path dataDir, IndexGeneration g);

    /**
     * Called when the pointer names {@code g}, at open and after a switch (so after a crash between
     * the pointer's write and this call, the next open repeats it): a shared index points its
     * readers at {@code g} here. Idempotent.
     */
    default void activated(IndexGeneration g) {}

    /** Called after {@code g} was replaced and its folder deleted: a shared index may drop its copy. */
    default void dropped(IndexGeneration g) {}

    /**
     * For a server that indexes nothing (serve --read-only): the index every writer shares (a
     * cluster's alias, following its switches), or empty when this storage is one machine's own.
     */
    default java.util.Optional<SharedIndex> openShared(dev.docent.indexer.generation.Recipe recipe) {
        return java.util.Optional.empty();
    }

    /**
     * The shared index, and whether the generation it names now was built under {@code recipe}'s
     * embedding model (if not, its vectors cannot be compared with this Docent's query vectors).
     */
    record SharedIndex(DocumentIndex index, boolean vectorsUsable, String generation) {}

    /**
     * Where a writer publishes its catalog rows for readers that have none (a shared index's
     * read-only servers); {@link dev.docent.indexer.publish.CatalogPublisher#NONE} when nobody reads them.
     */
    default dev.docent.indexer.publish.CatalogPublisher catalogPublisher() {
        return dev.docent.indexer.publish.CatalogPublisher.NONE;
    }

    /** Every writer's published catalog rows, for a read-only server's mirror; empty when this storage is one machine's own. */
    default java.util.Optional<dev.docent.indexer.publish.CatalogFeed> catalogFeed() {
        return java.util.Optional.empty();
    }

    /** A short name for the status and logs ("lucene", "opensearch"). */
    String name();

    /** The embedded Lucene index, in {@code GENERATION/index}. */
    IndexStorage LUCENE = new IndexStorage() {
        @Override
        public DocumentIndex openWritable(Path dataDir, IndexGeneration g) {
            return ChunkIndex.open(g.indexDir(dataDir));
        }

        @Override
        public DocumentIndex openReadOnly(Path dataDir, IndexGeneration g) {
            return ChunkIndex.openReadOnly(g.indexDir(dataDir));
        }

        @Override
        public String name() {
            return "lucene";
        }
    };
}
