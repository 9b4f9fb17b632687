package dev.docent.llm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.Completion;
import dev.docent.llm.Sampling;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Docent's binding must generate exactly what llama.cpp's own llama-simple generates: same model,
 * same prompt tokenization (BOS added, special tokens parsed), greedy sampling, 64 tokens. The
 * golden file and the command that made it are in src/test/resources/golden.
 */
class GreedyGoldenTest {

    private static final String PROMPT = "Once upon a time";

    @Test
    void greedyOutputMatchesLlamaSimple() throws Exception {
        String golden = Files.readString(Path.of("src/test/resources/golden/stories260K-greedy-64.txt"));
        String printedPrompt = "<s> " + PROMPT; // llama-simple prints the prompt's pieces, BOS included
        assertTrue(golden.startsWith(printedPrompt) && golden.endsWith("\n"), "unexpected golden file: " + golden);
        String expected = golden.substring(printedPrompt.length(), golden.length() - 1);
        try (var model = LlamaModel.load(TestModels.stories260K(), 0);
                var session = new LlamaSession(model, 128, 1, Sampling.GREEDY)) {
            int[] prompt = model.tokenize(PROMPT, true, true);
            Completion c = session.generate(prompt, 64, s -> {}, () -> false);
            assertEquals(64, c.generatedTokens());
            assertEquals(expected, c.text());
        }
    }
}
