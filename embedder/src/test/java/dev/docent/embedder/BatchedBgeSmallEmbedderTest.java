package dev.docent.embedder;

import dev.docent.embedder.factory.Embedders;

import org.junit.jupiter.api.TestInstance;

/** The same contract with padded batches of 3, so padding and masks are exercised. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchedBgeSmallEmbedderTest extends EmbedderContractTest {

    @Override
    Embedder create() {
        return Embedders.byName(Embedders.DEFAULT_MODEL, 1, 3);
    }
}
