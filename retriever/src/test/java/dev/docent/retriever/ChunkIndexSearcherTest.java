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
        for (IndexedChunk c : chunks) index.replaceDocument(c.path(), List.of(c));
        index.commit();
        return index.searcher();
    }

    @AfterEach
    void close() {
        if (index != null) index.close();
    }
}
