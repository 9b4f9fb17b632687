package dev.docent.retriever;

import dev.docent.retriever.lucene.ChunkIndex;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** {@link ChunkIndex}, the Lucene implementation, against the {@link Searcher} contract. */
class ChunkIndexSearcherTest extends SearcherContractTest {

    private ChunkIndex index;

    @Override
    protected Searcher searcherOver(Path dir, List<IndexedChunk> chunks) {
        index = ChunkIndex.open(dir);
        var byPath = new java.util.LinkedHashMap<String, List<IndexedChunk>>();
        for (IndexedChunk c : chunks) byPath.computeIfAbsent(c.path(), p -> new java.util.ArrayList<>()).add(c);
        byPath.forEach(index::replaceDocument);
        index.commit();
        return index.searcher();
    }

    @AfterEach
    void close() {
        if (index != null) index.close();
    }
}
