package dev.docent.retriever;

import java.util.List;

/**
 * The writing side of the index: chunks in, per document. Writes become visible to searches after
 * {@link #refresh()} and durable after {@link #commit()}. Implementations are thread-safe.
 */
public interface ChunkStore extends AutoCloseable {

    /** Replaces every chunk of {@code path} with {@code chunks} (an empty list deletes the document). */
    void replaceDocument(String path, List<IndexedChunk> chunks);

    /** Removes every chunk (used when the embedding model changes and all vectors are stale). */
    void deleteAll();

    /** Makes writes durable and visible to searches. */
    void commit();

    /** Makes writes visible to searches without the cost of an fsync. */
    void refresh();

    /** Number of chunks visible to searches. */
    int chunkCount();

    default void deleteDocument(String path) {
        replaceDocument(path, List.of());
    }

    @Override
    void close();
}
