package dev.docent.indexer;

/**
 * The exact text the embedder is given for a chunk, in one place: the embedding cache is keyed by
 * its hash, and the cache eviction and the ingestion benchmark rebuild it from stored chunks.
 */
public final class EmbeddingInput {

    private EmbeddingInput() {}

    /** The title and heading give a bare paragraph the context a reader would have. */
    public static String of(String title, String heading, String text) {
        return (heading.isEmpty() ? title : title + " — " + heading) + "\n" + text;
    }
}
