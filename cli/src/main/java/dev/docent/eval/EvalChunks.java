package dev.docent.eval;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.chunk.Chunk;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.Block;
import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.Page;
import dev.docent.retriever.ChunkStore;
import dev.docent.retriever.IndexedChunk;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BEIR corpus as an index holds it, each chunk with its vector: one passage per document, as
 * BEIR baselines do (the embedder truncates at its window), or Docent's own chunks. Every backend
 * is written from this one list, with the vectors of one {@link VectorCache}, so the Lucene index
 * and the cluster hold the same chunks with the same floats.
 */
final class EvalChunks {

    private EvalChunks() {}

    /**
     * The chunks of {@code set} by document id, in corpus order; vectors read from (or computed
     * into) {@code dir/passages.bin}. With {@code chunkTokens} > 0 each document is cut by Docent's
     * {@link Chunker} at that budget and embedded as the indexer embeds a chunk (title, newline,
     * chunk text).
     */
    static Map<String, List<IndexedChunk>> of(BeirSet set, Embedder embedder, Path dir, PrintStream log, int chunkTokens) {
        Map<String, List<Chunk>> chunks = new LinkedHashMap<>();
        Chunker chunker = chunkTokens > 0 ? new Chunker(embedder::countTokens, chunkTokens) : null;
        Map<String, String> passages = new LinkedHashMap<>();
        set.corpus().forEach((id, tt) -> {
            String title = tt[0], text = tt[1];
            List<Chunk> cs = chunker == null ? List.of(new Chunk(0, "", 0, 0, text.length(), text, 0))
                    : chunker.chunk(new ExtractedDocument(title, "text/plain", false, List.of(new Page(1, List.of(new Block(text, false))))));
            chunks.put(id, cs);
            for (Chunk c : cs) passages.put(id + "#" + c.ordinal(), title.isEmpty() ? c.text() : title + "\n" + c.text());
        });
        Map<String, float[]> vectors = VectorCache.load(dir.resolve("passages.bin"), chunker == null ? rekey(passages) : passages,
                embedder::embedPassage, log, "passages");
        Map<String, List<IndexedChunk>> out = new LinkedHashMap<>();
        chunks.forEach((id, cs) -> {
            String title = set.corpus().get(id)[0];
            List<IndexedChunk> indexed = new ArrayList<>(cs.size());
            for (Chunk c : cs) {
                float[] v = vectors.get(chunker == null ? id : id + "#" + c.ordinal());
                indexed.add(new IndexedChunk(id, title, 0, "", c.ordinal(), c.startOffset(), c.endOffset(), c.text(), v));
            }
            out.put(id, indexed);
        });
        return out;
    }

    /** Writes every document's chunks into {@code store}, then commits; logs how long it took. */
    static void write(Map<String, List<IndexedChunk>> chunks, ChunkStore store, String where, PrintStream log) {
        long t0 = System.nanoTime();
        chunks.forEach(store::replaceDocument);
        store.commit();
        log.printf("Indexed %d documents into %s in %.1f s%n", chunks.size(), where, (System.nanoTime() - t0) / 1e9);
    }

    /** Whole-document passages keep the document id as their cache key (as caches written before chunking did). */
    private static Map<String, String> rekey(Map<String, String> byChunk) {
        Map<String, String> out = new LinkedHashMap<>();
        byChunk.forEach((k, v) -> out.put(k.substring(0, k.lastIndexOf('#')), v));
        return out;
    }
}
