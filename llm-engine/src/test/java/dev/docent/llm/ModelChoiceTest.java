package dev.docent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names for found models (Ollama's manifests, file names), embedding models kept apart, choosing by name. */
class ModelChoiceTest {

    @TempDir
    Path tmp;
    Map<String, List<Path>> places;

    private static Map<String, Object> chat(String arch, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("general.architecture", arch);
        m.put("general.name", name);
        m.put("tokenizer.chat_template", "{% for m in messages %}{{ m.content }}{% endfor %}");
        return m;
    }

    @BeforeEach
    void machine() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("data/models"));
        GgufHeaders.write(mine.resolve("qwen2.5-3b-instruct-q4_k_m.gguf"), 10, chat("qwen2", "Qwen2.5 3B Instruct"), 3000);
        GgufHeaders.write(mine.resolve("qwen2.5-0.5b-instruct-q8_0.gguf"), 10, chat("qwen2", "Qwen2.5 0.5B Instruct"), 1000);
        GgufHeaders.write(mine.resolve("bge-small-en-v1.5.gguf"), 10, Map.of("general.architecture", "bert"), 500);
        GgufHeaders.write(mine.resolve("qwen3-embedding-0.6b.gguf"), 10,
                Map.of("general.architecture", "qwen3", "qwen3.pooling_type", 3), 600);
        Files.copy(Path.of("src/test/resources/models/ggml-vocab-qwen2.gguf"), mine.resolve("ggml-vocab-qwen2.gguf"));

        Path ollama = Files.createDirectories(tmp.resolve("ollama"));
        String hex = "ab".repeat(32);
        GgufHeaders.write(ollama.resolve("blobs/sha256-" + hex), 10, chat("llama", "Llama 3.2 3B Instruct"), 4000);
        GgufHeaders.write(ollama.resolve("blobs/sha256-" + "cd".repeat(32)), 10, Map.of("general.architecture", "clip"), 200);
        String manifest = """
                {"schemaVersion":2,"config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:%s","size":5},
                 "layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:%s","size":4000},
                           {"mediaType":"application/vnd.ollama.image.projector","digest":"sha256:%s","size":200}]}
                """.formatted("ef".repeat(32), hex, "cd".repeat(32));
        for (String tag : List.of("library/llama3.2/3b", "library/llama3.2/latest", "someone/tuned/q4")) {
            Path m = ollama.resolve("manifests/example.host/" + tag);
            Files.createDirectories(m.getParent());
            Files.writeString(m, manifest);
        }
        places = new LinkedHashMap<>();
        places.put(ModelFinder.MODELS_FOLDER, List.of(mine));
        places.put(ModelFinder.OLLAMA, List.of(ollama));
    }

    @Test
    void ollamaModelsGoByTheirOllamaNamesAndOtherFilesByTheirFileNames() {
        List<ModelInfo> found = ModelFinder.find(places);
        List<String> chat = found.stream().filter(ModelInfo::isChat).map(ModelInfo::id).sorted().toList();
        assertEquals(List.of("llama3.2:3b", "llama3.2:latest", "qwen2.5-0.5b-instruct-q8_0", "qwen2.5-3b-instruct-q4_k_m",
                "someone/tuned:q4"), chat, found.toString());
        ModelInfo llama = found.stream().filter(m -> m.id().equals("llama3.2:3b")).findFirst().orElseThrow();
        assertEquals("Ollama", llama.source());
        assertTrue(llama.path().getFileName().toString().startsWith("sha256-abab"), llama.toString());
        assertTrue(llama.chatTemplate());
        // Chat models are listed first.
        assertTrue(found.subList(0, 5).stream().allMatch(ModelInfo::isChat), found.toString());
    }

    @Test
    void embeddingModelsProjectorsAndVocabularyFilesAreNotChatModels() {
        Map<String, ModelInfo> byId = new LinkedHashMap<>();
        ModelFinder.find(places).forEach(m -> byId.put(m.id(), m));
        assertEquals(ModelInfo.EMBEDDING, byId.get("bge-small-en-v1.5").role());
        assertEquals(ModelInfo.EMBEDDING, byId.get("qwen3-embedding-0.6b").role(), "qwen3 with a pooling type embeds");
        assertEquals(ModelInfo.VOCABULARY, byId.get("ggml-vocab-qwen2").role());
        assertEquals(ModelInfo.PROJECTOR, byId.get("sha256-" + "cd".repeat(32)).role());
        assertFalse(byId.get("bge-small-en-v1.5").isChat());
        assertTrue(byId.get("bge-small-en-v1.5").notChatReason().contains("embedding model"));
    }

    @Test
    void aNameIsExactOrAUniqueBeginningAndEveryOtherCaseSaysWhatToDo() {
        List<ModelInfo> found = ModelFinder.find(places);
        assertEquals("llama3.2:3b", ModelChoice.byName("llama3.2:3b", found).id());
        assertEquals("llama3.2:3b", ModelChoice.byName("LLAMA3.2:3B", found).id());
        assertEquals("qwen2.5-3b-instruct-q4_k_m", ModelChoice.byName("qwen2.5-3b", found).id());
        assertEquals("someone/tuned:q4", ModelChoice.byName("someone", found).id());

        var ambiguous = assertThrows(IllegalArgumentException.class, () -> ModelChoice.byName("qwen2.5", found));
        assertTrue(ambiguous.getMessage().contains("matches 2 models: qwen2.5-0.5b-instruct-q8_0, qwen2.5-3b-instruct-q4_k_m"),
                ambiguous.getMessage());
        var embedding = assertThrows(IllegalArgumentException.class, () -> ModelChoice.byName("bge", found));
        assertTrue(embedding.getMessage().contains("embedding model"), embedding.getMessage());
        // "qwen" matches chat models and an embedding model: only the chat models count, still two.
        var qwen = assertThrows(IllegalArgumentException.class, () -> ModelChoice.byName("qwen", found));
        assertTrue(qwen.getMessage().contains("matches 2 models"), qwen.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> ModelChoice.byName("mistral", found));
        assertTrue(none.getMessage().contains("./docent models"), none.getMessage());
    }

    @Test
    void theSuggestionPrefersDocentsFolderThenInstructModelsThenSizeWithinHalfTheMemory() {
        List<ModelInfo> found = ModelFinder.find(places);
        assertEquals("qwen2.5-3b-instruct-q4_k_m", ModelChoice.suggest(found, 1_000_000).orElseThrow().id());
        // Memory for only the smaller one.
        assertEquals("qwen2.5-0.5b-instruct-q8_0", ModelChoice.suggest(found, 2_500).orElseThrow().id());
        assertTrue(ModelChoice.suggest(found, 100).isEmpty());
        // Without Docent's folder: Ollama's model.
        assertEquals("Ollama", ModelChoice.suggest(found.stream().filter(m -> m.source().equals("Ollama")).toList(),
                1_000_000).orElseThrow().source());
    }
}
