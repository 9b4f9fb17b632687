package dev.docent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.ModelFinder;
import dev.docent.llm.ModelInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What serve prints without a model: the model it would use and how to pick it, in two lines. */
class ModelHintTest {

    private static String hint(List<ModelInfo> found) {
        var out = new ByteArrayOutputStream();
        ModelHint.print(found, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ModelInfo model(String id, String source, String role, long bytes) {
        return new ModelInfo(Path.of("/m/" + id), source, bytes, "qwen2", id, "Q4_K_M", null, id, role, true);
    }

    @Test
    void namesTheModelItWouldUseAndHowToPickIt() {
        String s = hint(List.of(model("llama3.2:3b", ModelFinder.OLLAMA, ModelInfo.CHAT, 2_000_000_000L),
                model("nomic-embed", ModelFinder.OLLAMA, ModelInfo.EMBEDDING, 300_000_000L),
                model("qwen2.5-1.5b", ModelFinder.MODELS_FOLDER, ModelInfo.CHAT, 1_100_000_000L)));
        assertEquals(2, s.lines().count(), s);
        assertTrue(s.startsWith("Answers: extractive (quoted passages). Found 2 chat models; would use qwen2.5-1.5b (models folder, 1.1 GB)."), s);
        assertTrue(s.contains("--model qwen2.5-1.5b") && s.contains("llm.model = auto") && s.contains("in the page"), s);
    }

    @Test
    void withoutChatModelsItSaysHowToGetOne() {
        String s = hint(List.of(model("nomic-embed", ModelFinder.OLLAMA, ModelInfo.EMBEDDING, 300_000_000L)));
        assertTrue(s.contains("No chat model found") && s.contains("./docent models pull REPO/FILE.gguf"), s);
    }
}
