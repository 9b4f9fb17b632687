package dev.docent.retriever;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ChunkStore} must do, observed through the {@link Searcher} over the same
 * index: writes are visible after refresh or commit, durable after commit, per document.
 */
public abstract class ChunkStoreContractTest {

    @TempDir
    protected Path dir;

    /** Opens (creating if needed) the store kept in {@code dir}. */
    protected abstract ChunkStore open(Path dir);

    /** The searching side over {@code store}'s index. */
    protected abstract Searcher searcherOf(ChunkStore store);

    static IndexedChunk chunk(String path, int ordinal, String text, float[] v) {
        return new IndexedChunk(path, "Title of " + path, 1, "Heading", ordinal, 0, text.length(), text, v);
    }

    static float[] unit(int dims, int hot) {
        float[] v = new float[dims];
        v[hot] = 1f;
        return v;
    }

    private List<Hit> bm25(ChunkStore store, String text) {
        try (Retrieval r = searcherOf(store).retrieve(text, null, 10)) {
            return r.hits(dev.docent.retriever.fusion.SingleRetriever.BM25.rank(r.candidates(), 10));
        }
    }

    @Test
    void writesBecomeVisibleOnRefreshAndSurviveAReopenAfterCommit() {
        try (ChunkStore store = open(dir)) {
            store.replaceDocument("/a", List.of(chunk("/a", 0, "walrus colony", unit(4, 0)), chunk("/a", 1, "tusks", unit(4, 1))));
            assertEquals(0, store.chunkCount());
            store.refresh();
            assertEquals(2, store.chunkCount());
            assertEquals("/a", bm25(store, "walrus").getFirst().path());
            store.commit();
        }
        try (ChunkStore store = open(dir)) {
            assertEquals(2, store.chunkCount());
            assertEquals(1, bm25(store, "tusks").getFirst().ordinal());
        }
    }

    @Test
    void replacingADocumentDropsAllItsOldChunksAndNoOtherDocument() {
        try (ChunkStore store = open(dir)) {
            store.replaceDocument("/a", List.of(chunk("/a", 0, "old walrus", unit(4, 0)), chunk("/a", 1, "old seal", unit(4, 1))));
            store.replaceDocument("/b", List.of(chunk("/b", 0, "walrus neighbour", unit(4, 2))));
            store.commit();
            store.replaceDocument("/a", List.of(chunk("/a", 0, "new narwhal", unit(4, 0))));
            store.commit();
            assertEquals(2, store.chunkCount());
            assertEquals(List.of("/b"), bm25(store, "walrus seal").stream().map(Hit::path).toList());
            store.deleteDocument("/a");
            store.commit();
            assertTrue(bm25(store, "narwhal").isEmpty());
            store.deleteAll();
            store.commit();
            assertEquals(0, store.chunkCount());
        }
    }

    @Test
    void aChunkOfAnotherDocumentIsRefused() {
        try (ChunkStore store = open(dir)) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> store.replaceDocument("/a", List.of(chunk("/b", 0, "x", unit(2, 0)))));
            assertTrue(e.getMessage().contains("/b"), e.getMessage());
        }
    }
}
