package dev.docent.eval;

import dev.docent.embedder.Embedder;
import dev.docent.retriever.lucene.ChunkIndex;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.VectorFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Lucene index of a BEIR corpus, one passage per document as BEIR baselines do (the embedder
 * truncates at its window), cached under {@code dir}: vectors in a {@link VectorCache}, the index
 * beside them, rebuilt from the cached vectors in seconds when the index layout changes.
 */
public final class EvalIndex {

    /** Bump when ChunkFields changes what is indexed, so cached evaluation indexes are rebuilt. */
    private static final int LAYOUT = 3;

    private EvalIndex() {}

    /** Opens the index of {@code set} embedded with {@code embedder}, building what is missing. */
    public static ChunkIndex open(BeirSet set, Embedder embedder, Path dir, PrintStream log) {
        return open(set, embedder, dir, log, 0);
    }

    /**
     * As {@link #open(BeirSet, Embedder, Path, PrintStream)}; with {@code chunkTokens} > 0 each document
     * is cut by Docent's own {@code Chunker} at that budget and embedded as the indexer embeds a chunk
     * (title, newline, chunk text), so the product's chunking is measured; the cache then lives
     * beside {@code dir}, named for the budget.
     */
    public static ChunkIndex open(BeirSet set, Embedder embedder, Path dir, PrintStream log, int chunkTokens) {
        return open(set, embedder, dir, log, chunkTokens, VectorFormat.DEFAULT);
    }

    /**
     * As above, the index's vectors written in {@code format}; an index in another format
     * than the default lives in its own folder beside the default one (the vectors cache is shared).
     */
    public static ChunkIndex open(BeirSet set, Embedder embedder, Path dir, PrintStream log, int chunkTokens, VectorFormat format) {
        dir = vectorsDir(dir, chunkTokens);
        Path indexDir = dir.resolve(format.equals(VectorFormat.DEFAULT) ? "index" : "index-" + format.toString().replaceAll("[^a-z0-9]+", "-"));
        Path marker = indexDir.resolve("complete-layout" + LAYOUT + "-" + set.corpus().size());
        ChunkIndex index = ChunkIndex.open(indexDir, format);
        try {
            if (Files.exists(marker)) {
                log.printf("Reusing the evaluation index in %s%n", indexDir);
                return index;
            }
            Map<String, List<IndexedChunk>> chunks = EvalChunks.of(set, embedder, dir, log, chunkTokens);
            index.deleteAll();
            EvalChunks.write(chunks, index, "the Lucene index " + indexDir, log);
            Files.writeString(marker, "ok\n");
            return index;
        } catch (IOException | RuntimeException e) {
            index.close();
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    /** Where the passages' vectors (and the Lucene index) of a corpus cut at {@code chunkTokens} live: beside {@code dir}, named for the budget. */
    static Path vectorsDir(Path dir, int chunkTokens) {
        return chunkTokens > 0 ? dir.resolveSibling(dir.getFileName() + "-chunks" + chunkTokens) : dir;
    }

    /** Another set's queries, embedded once and cached apart (ids of two sets may collide). */
    public static Map<String, float[]> unanswerableVectors(Map<String, String> queries, String otherSet, Embedder embedder,
            Path dir, PrintStream log) {
        return VectorCache.load(dir.resolve("queries-of-" + otherSet + ".bin"), queries, embedder::embedQuery, log,
                otherSet + " queries");
    }

    /** {@link LongQueries}' vectors, cached apart (their ids are document ids, which may equal query ids). */
    public static Map<String, float[]> longQueryVectors(Map<String, String> queries, Embedder embedder, Path dir, PrintStream log) {
        return VectorCache.load(dir.resolve("queries-long.bin"), queries, embedder::embedQuery, log, "long queries");
    }

    /** Query vectors, embedded once and cached beside the index. */
    public static Map<String, float[]> queryVectors(Map<String, String> queries, Embedder embedder, Path dir, PrintStream log) {
        return VectorCache.load(dir.resolve("queries.bin"), queries, embedder::embedQuery, log, "queries");
    }
}
