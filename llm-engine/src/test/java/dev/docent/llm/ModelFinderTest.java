package dev.docent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFinderTest {

    @Test
    void findsGgufFilesInEachPlaceReadsTheirHeadersAndFlagsBrokenOnes(@TempDir Path tmp) throws Exception {
        Path stories = Path.of("src/test/resources/models/stories260K.gguf");
        Path mine = Files.createDirectories(tmp.resolve("models"));
        Files.copy(stories, mine.resolve("stories.gguf"));
        Files.writeString(mine.resolve("broken.gguf"), "GGUF but nothing after");
        Files.writeString(mine.resolve("notes.txt"), "not a model");
        Path ollama = Files.createDirectories(tmp.resolve("ollama/blobs"));
        Files.copy(stories, ollama.resolve("sha256-0123abcd")); // Ollama blobs have no extension
        Files.createSymbolicLink(tmp.resolve("ollama/blobs/sha256-link"), ollama.resolve("sha256-0123abcd"));
        Map<String, List<Path>> places = new LinkedHashMap<>();
        places.put("models folder", List.of(mine));
        places.put("Ollama", List.of(tmp.resolve("ollama")));
        places.put("LM Studio", List.of(tmp.resolve("missing")));

        List<ModelInfo> found = ModelFinder.find(places);
        assertEquals(3, found.size(), found.toString()); // the symlink is the same file as its target
        assertTrue(found.stream().anyMatch(m -> m.id().equals("stories") && m.isChat()), found.toString());
        assertTrue(found.stream().anyMatch(m -> m.id().equals("sha256-0123abcd")), "a blob no manifest names keeps its file name");
        ModelInfo good = found.stream().filter(m -> m.path().endsWith("stories.gguf")).findFirst().orElseThrow();
        assertEquals("llama", good.architecture());
        assertEquals("llama", good.name());
        assertNull(good.quantization(), "stories260K has no general.file_type");
        assertNull(good.problem());
        assertEquals(Files.size(stories), good.bytes());
        assertTrue(found.stream().anyMatch(m -> m.source().equals("Ollama") && m.problem() == null));
        ModelInfo broken = found.stream().filter(m -> m.path().endsWith("broken.gguf")).findFirst().orElseThrow();
        assertTrue(broken.problem() != null && !broken.problem().isBlank(), broken.toString());
    }
}
