package dev.docent.retriever;

import dev.docent.retriever.lucene.ChunkIndex;

import java.nio.file.Path;

/** {@link ChunkIndex}, the Lucene implementation, against the {@link ChunkStore} contract. */
class ChunkIndexStoreTest extends ChunkStoreContractTest {

    @Override
    protected ChunkStore open(Path dir) {
        return ChunkIndex.open(dir);
    }

    @Override
    protected Searcher searcherOf(ChunkStore store) {
        return ((ChunkIndex) store).searcher();
    }
}
