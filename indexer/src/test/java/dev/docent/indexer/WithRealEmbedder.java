package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Tests that index through the real embedding model, loaded once per test class (it takes a second or two). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WithRealEmbedder {

    protected Embedder embedder;

    @BeforeAll
    void loadEmbedder() {
        embedder = Embedders.defaultModel(2);
    }

    @AfterAll
    void closeEmbedder() {
        embedder.close();
    }
}
