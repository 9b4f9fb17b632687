package dev.docent.retriever;

import dev.docent.retriever.lucene.ChunkIndex;
import java.nio.file.Path;

/** The Lucene {@link ChunkIndex} against the {@link DocumentIndex} contract. */
class ChunkIndexDocumentIndexTest extends DocumentIndexContractTest {

    @Override
    protected DocumentIndex open(Path dir) {
        return ChunkIndex.open(dir);
    }

    @Override
    protected DocumentIndex openReadOnly(Path dir) {
        return ChunkIndex.openReadOnly(dir);
    }
}
