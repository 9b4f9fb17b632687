package dev.docent.llm;

import dev.docent.llm.internal.GgufHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds GGUF models already on this machine, so a user can point Docent at one instead of
 * downloading it again: Docent's own models folder, then the caches of Ollama, LM Studio,
 * Hugging Face and GPT4All. Reads only file headers; never loads a model.
 */
public final class ModelFinder {

    private ModelFinder() {}

    /** The places searched, by label, for a user whose models folder is {@code modelsDir}. */
    public static Map<String, List<Path>> usualPlaces(Path modelsDir) {
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Map<String, List<Path>> places = new LinkedHashMap<>();
        places.put("models folder", List.of(modelsDir));
        places.put("Ollama", List.of(Path.of(System.getenv().getOrDefault("OLLAMA_MODELS", home + "/.ollama/models"))));
        places.put("LM Studio", List.of(Path.of(home, ".lmstudio", "models"), Path.of(home, ".cache", "lm-studio", "models")));
        String hf = System.getenv("HF_HOME");
        places.put("Hugging Face", List.of(hf != null ? Path.of(hf, "hub") : Path.of(home, ".cache", "huggingface", "hub")));
        places.put("GPT4All", List.of(os.contains("mac")
                ? Path.of(home, "Library", "Application Support", "nomic.ai", "GPT4All")
                : Path.of(home, ".local", "share", "nomic.ai", "GPT4All")));
        return places;
    }

    /** Every GGUF file under the given places (links followed, each file once), biggest first. */
    public static List<ModelInfo> find(Map<String, List<Path>> places) {
        List<ModelInfo> found = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        places.forEach((label, roots) -> {
            for (Path root : roots) {
                if (!Files.isDirectory(root)) continue;
                try (Stream<Path> files = Files.walk(root, 10, FileVisitOption.FOLLOW_LINKS)) {
                    files.filter(Files::isRegularFile).filter(ModelFinder::looksLikeGguf).forEach(p -> {
                        try {
                            if (seen.add(p.toRealPath())) found.add(describe(p, label));
                        } catch (IOException e) {
                            // vanished or unreadable: skip
                        }
                    });
                } catch (IOException | java.io.UncheckedIOException e) {
                    // an unreadable cache folder is not an error for a listing
                }
            }
        });
        found.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return found;
    }

    /** By name (.gguf) or, for Ollama's extension-less blobs, by the GGUF magic. */
    private static boolean looksLikeGguf(Path p) {
        if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf")) return true;
        if (!p.getFileName().toString().startsWith("sha256")) return false;
        try (InputStream in = Files.newInputStream(p)) {
            return "GGUF".equals(new String(in.readNBytes(4), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    static ModelInfo describe(Path p, String source) throws IOException {
        long size = Files.size(p);
        try {
            GgufHeader h = GgufHeader.read(p);
            String name = h.name() != null ? h.name() : p.getFileName().toString();
            return new ModelInfo(p, source, size, h.architecture(), name, h.quantization(), null);
        } catch (IOException e) {
            return new ModelInfo(p, source, size, null, p.getFileName().toString(), null, e.getMessage());
        }
    }
}
