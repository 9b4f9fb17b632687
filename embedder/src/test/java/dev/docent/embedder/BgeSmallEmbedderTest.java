package dev.docent.embedder;

import dev.docent.embedder.factory.Embedders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BgeSmallEmbedderTest extends EmbedderContractTest {

    /** Golden vector file; regenerate with -Ddocent.regenerateGolden=true after a deliberate model change. */
    private static final Path GOLDEN = Path.of("src/test/resources/golden/bge-small-en-v1.5-q.txt");
    private static final String GOLDEN_TEXT = "Docent answers questions about your own documents.";

    @Override
    Embedder create() {
        return Embedders.defaultModel(1);
    }

    @Test
    void tokenizerIsTheModelsWordPieceTokenizer() {
        // BERT uncased WordPiece: lowercases, splits punctuation, no special tokens counted.
        assertEquals(2, embedder.countTokens("Hello World"));
        assertEquals(4, embedder.countTokens("Hello, World!"));
        assertEquals(384, embedder.dimensions());
    }

    @Test
    void vectorMatchesTheGoldenFile() throws IOException {
        float[] v = embedder.embedPassage(GOLDEN_TEXT);
        if (Boolean.getBoolean("docent.regenerateGolden")) {
            Files.createDirectories(GOLDEN.getParent());
            String line = java.util.stream.IntStream.range(0, v.length)
                    .mapToObj(i -> String.format(Locale.ROOT, "%.6f", v[i]))
                    .collect(Collectors.joining(" "));
            Files.writeString(GOLDEN, line + "\n");
        }
        float[] expected = parse(Files.readString(GOLDEN));
        assertEquals(expected.length, v.length);
        // Quantized kernels may differ in the last bits across CPUs; the direction must not.
        assertEquals(1.0, dot(expected, v) / norm(expected), 1e-3,
                "embedding drifted from the golden vector: " + Arrays.toString(Arrays.copyOf(v, 4)));
    }

    private static float[] parse(String s) {
        String[] parts = s.trim().split("\\s+");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i]);
        }
        return out;
    }
}
