package dev.docent.retriever;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The index one Docent writes and reads, whichever engine holds it (the embedded Lucene index or an
 * OpenSearch cluster): a {@link ChunkStore} for writing, a {@link Searcher}, the per-document reads
 * the source viewer and the sync need, and a commit sequence the catalog follows.
 *
 * <p>Where several Docents share one index (a cluster), each owns the documents it wrote: the
 * per-owner reads ({@link #chunkCountsByPath()}, {@link #forEachChunk}, {@link #committedSequence()})
 * and {@link #deleteAll()} see only this writer's; searches and the per-path reads see every owner's.
 */
public interface DocumentIndex extends ChunkStore {

    /** Whether this index was opened for reading only (every write throws). */
    boolean readOnly();

    /**
     * The first phase of a commit stamped with {@code sequence}: after it, {@link #commit()} makes
     * the writes and the stamp durable together; a crash in between leaves the last commit.
     */
    void prepareCommit(long sequence);

    /** The sequence number of the last commit, or -1 if none carried one. */
    long committedSequence();

    /** Live chunks per document path of this writer's, as searches see them (to reconcile with the catalog). */
    Map<String, Integer> chunkCountsByPath();

    /** Every chunk of {@code path}, in document order, without vectors (empty if it is not indexed). */
    List<Hit> chunksOf(String path);

    /**
     * The stored page regions ({@link IndexedChunk#regions()}) of {@code path}'s chunks on
     * {@code page} that overlap {@code [start, end)}, in document order; empty when none were kept.
     */
    List<String> regionsOf(String path, int page, int start, int end);

    /** Every chunk of {@code path} as written, vector included, in document order (empty if it is not indexed). */
    List<IndexedChunk> storedChunksOf(String path);

    /** Calls {@code action} with every live chunk of this writer's (stored fields, no vector). */
    void forEachChunk(Consumer<Hit> action);

    /**
     * Documents in the index, every owner's (what a server without a catalog of its own reports), or
     * -1 where the index does not keep that count apart from the catalog (the embedded index).
     */
    default int documentCount() {
        return -1;
    }

    /** The searching side over this index: raw candidates of both retrievers, always the latest refreshed state. */
    Searcher searcher();
}
