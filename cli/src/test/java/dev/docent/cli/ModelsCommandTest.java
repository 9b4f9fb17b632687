package dev.docent.cli;

import dev.docent.assistant.ModelNames;
import dev.docent.web.ModelSwitchTest;
import dev.docent.web.RunningDocent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docent models} lists names to pick by, and {@code --model NAME} takes one (exact or a unique beginning). */
class ModelsCommandTest {


    @Test
    void listsChatModelsByNameApartFromFilesThatCannotAnswerAndAsksWithOneByName(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path models = ModelSwitchTest.modelsIn(data);
        Files.copy(RunningDocent.repoRoot().resolve("llm-engine/src/test/resources/models/ggml-vocab-qwen2.gguf"),
                models.resolve("ggml-vocab-qwen2.gguf"));
        CliRun list = CliRun.of("models", "--data", data.toString());
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("tiny-a ") && l.contains("models folder")), list.out());
        String notChat = list.out().substring(list.out().indexOf("Not chat models"));
        assertTrue(notChat.contains("ggml-vocab-qwen2") && notChat.contains("vocabulary without weights"), list.out());
        assertTrue(list.out().contains("serve would use tiny-"), list.out());
        // llm.model = auto: the suggestion, one of the two whole copies (the cut one is smaller).
        String auto = ModelNames.resolve("auto", data).getFileName().toString();
        assertTrue(auto.equals("tiny-a.gguf") || auto.equals("tiny-b.gguf"), auto);

        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park.");
        assertEquals(0, CliRun.of("index", "--data", data.toString(), docs.toString()).exit());
        CliRun ask = CliRun.of("ask", "--data", data.toString(), "--json", "--model", "tiny-b", "What did Lily find?");
        assertEquals(0, ask.exit(), ask.err());
        assertEquals("generative", RunningDocent.JSON.readTree(ask.out()).get("mode").asText(), ask.out());

        CliRun ambiguous = CliRun.of("ask", "--data", data.toString(), "--model", "tiny", "What did Lily find?");
        assertEquals(2, ambiguous.exit());
        assertTrue(ambiguous.err().contains("'tiny' matches 3 models: tiny-a, tiny-b, tiny-broken; give more of the name"),
                ambiguous.err());
        CliRun vocab = CliRun.of("ask", "--data", data.toString(), "--model", "ggml-vocab", "What did Lily find?");
        assertEquals(2, vocab.exit());
        assertTrue(vocab.err().contains("not a chat model") || vocab.err().contains("vocabulary without weights"), vocab.err());
        CliRun missing = CliRun.of("ask", "--data", data.toString(), "--model", "/nowhere/model.gguf", "What did Lily find?");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("model file not found"), missing.err());
    }
}
