package dev.docent.web.eval;

import dev.docent.embedder.Embedder;
import dev.docent.retriever.ChunkIndex;
import dev.docent.retriever.IndexedChunk;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lucene index of a BEIR corpus, one passage per document as BEIR baselines do (the embedder
 * truncates at its window), cached under {@code dir}: vectors in a {@link VectorCache}, the index
 * beside them, rebuilt from the cached vectors in seconds when the index layout changes.
 */
public final class EvalIndex {

    /** Bump when ChunkFields changes what is indexed, so cached evaluation indexes are rebuilt. */
    private static final int LAYOUT = 2;

    private EvalIndex() {}

    /** Opens the index of {@code set} embedded with {@code embedder}, building what is missing. */
    public static ChunkIndex open(BeirSet set, Embedder embedder, Path dir, PrintStream log) {
        Path indexDir = dir.resolve("index");
        Path marker = indexDir.resolve("complete-layout" + LAYOUT + "-" + set.corpus().size());
        ChunkIndex index = ChunkIndex.open(indexDir);
        try {
            if (Files.exists(marker)) {
                log.printf("Reusing the evaluation index in %s%n", indexDir);
                return index;
            }
            Map<String, String> passages = new LinkedHashMap<>();
            set.corpus().forEach((id, tt) -> passages.put(id, tt[0].isEmpty() ? tt[1] : tt[0] + "\n" + tt[1]));
            Map<String, float[]> vectors = VectorCache.load(dir.resolve("passages.bin"), passages, embedder::embedPassage, log, "passages");
            long t0 = System.nanoTime();
            index.deleteAll();
            for (var e : set.corpus().entrySet()) {
                String title = e.getValue()[0], text = e.getValue()[1];
                index.replaceDocument(e.getKey(), List.of(
                        new IndexedChunk(e.getKey(), title, 0, "", 0, 0, text.length(), text, vectors.get(e.getKey()))));
            }
            index.commit();
            Files.writeString(marker, "ok\n");
            log.printf("Indexed %d documents in %.1f s%n", set.corpus().size(), (System.nanoTime() - t0) / 1e9);
            return index;
        } catch (IOException | RuntimeException e) {
            index.close();
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    /** Another set's queries, embedded once and cached apart (ids of two sets may collide). */
    public static Map<String, float[]> unanswerableVectors(Map<String, String> queries, String otherSet, Embedder embedder,
            Path dir, PrintStream log) {
        return VectorCache.load(dir.resolve("queries-of-" + otherSet + ".bin"), queries, embedder::embedQuery, log,
                otherSet + " queries");
    }

    /** Query vectors, embedded once and cached beside the index. */
    public static Map<String, float[]> queryVectors(Map<String, String> queries, Embedder embedder, Path dir, PrintStream log) {
        return VectorCache.load(dir.resolve("queries.bin"), queries, embedder::embedQuery, log, "queries");
    }
}
