package dev.docent.llm.internal;

import java.nio.file.Path;

/** Model files for tests. */
final class TestModels {

    private TestModels() {}

    /** stories260K: a real (tiny) llama with its own SentencePiece vocabulary; writes stories. */
    static Path stories260K() {
        return Path.of("src/test/resources/models/stories260K.gguf").toAbsolutePath();
    }
}
