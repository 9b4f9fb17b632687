package dev.docent.llm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Hugging Face and GPT4All. Reads only file headers; never loads a model. Each model gets a short
 * name ({@link ModelInfo#id()}) to pick it by; {@link ModelChoice} resolves such names.
 */
public final class ModelFinder {

    public static final String MODELS_FOLDER = "models folder";
    public static final String OLLAMA = "Ollama";

    private ModelFinder() {}

    /** The places searched, by label, for a user whose models folder is {@code modelsDir}. */
    public static Map<String, List<Path>> usualPlaces(Path modelsDir) {
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Map<String, List<Path>> places = new LinkedHashMap<>();
        places.put(MODELS_FOLDER, List.of(modelsDir));
        places.put(OLLAMA, List.of(Path.of(System.getenv().getOrDefault("OLLAMA_MODELS", home + "/.ollama/models"))));
        places.put("LM Studio", List.of(Path.of(home, ".lmstudio", "models"), Path.of(home, ".cache", "lm-studio", "models")));
        String hf = System.getenv("HF_HOME");
        places.put("Hugging Face", List.of(hf != null ? Path.of(hf, "hub") : Path.of(home, ".cache", "huggingface", "hub")));
        places.put("GPT4All", List.of(os.contains("mac")
                ? Path.of(home, "Library", "Application Support", "nomic.ai", "GPT4All")
                : Path.of(home, ".local", "share", "nomic.ai", "GPT4All")));
        return places;
    }

    /**
     * Every GGUF file under the given places (links followed, each file once; an Ollama blob once
     * per name Ollama gives it), chat models first, then biggest first.
     */
    public static List<ModelInfo> find(Map<String, List<Path>> places) {
        List<ModelInfo> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        places.forEach((label, roots) -> {
            for (Path root : roots) {
                if (!Files.isDirectory(root)) continue;
                Map<Path, List<String>> ollamaNames = label.equals(OLLAMA) ? ollamaNames(root) : Map.of();
                try (Stream<Path> files = Files.walk(root, 10, FileVisitOption.FOLLOW_LINKS)) {
                    files.filter(Files::isRegularFile).filter(ModelFinder::looksLikeGguf).sorted().forEach(p -> {
                        try {
                            Path real = p.toRealPath();
                            List<String> names = ollamaNames.get(real);
                            if (names == null) {
                                if (seen.add(real.toString())) found.add(describe(p, label, id(root, p, label)));
                            } else {
                                for (String id : names) {
                                    if (seen.add(real + "\n" + id)) found.add(describe(p, label, id));
                                }
                                seen.add(real.toString());
                            }
                        } catch (IOException e) {
                            // vanished or unreadable: skip
                        }
                    });
                } catch (IOException | java.io.UncheckedIOException e) {
                    // an unreadable cache folder is not an error for a listing
                }
            }
        });
        found.sort((a, b) -> a.isChat() != b.isChat() ? (a.isChat() ? -1 : 1) : Long.compare(b.bytes(), a.bytes()));
        return found;
    }

    private static Map<Path, List<String>> ollamaNames(Path root) {
        Map<Path, List<String>> names = new HashMap<>();
        for (OllamaManifests.Named n : OllamaManifests.read(root)) {
            try {
                names.computeIfAbsent(n.blob().toRealPath(), k -> new ArrayList<>()).add(n.name());
            } catch (IOException e) {
                // the blob vanished
            }
        }
        return names;
    }

    /**
     * The name to pick a file by: its path in Docent's models folder, or its file name elsewhere,
     * without {@code .gguf} (an Ollama blob Ollama has no name for keeps its file name).
     */
    static String id(Path root, Path file, String label) {
        String name = label.equals(MODELS_FOLDER) ? root.relativize(file).toString().replace('\\', '/')
                : file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".gguf") ? name.substring(0, name.length() - 5) : name;
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

    /** Reads {@code p}'s header: what it is, or why it cannot be used. */
    public static ModelInfo describe(Path p, String source, String id) throws IOException {
        long size = Files.size(p);
        try {
            GgufHeader h = GgufHeader.read(p);
            String name = h.name() != null ? h.name() : p.getFileName().toString();
            return new ModelInfo(p, source, size, h.architecture(), name, h.quantization(), null, id, h.role(),
                    h.hasChatTemplate());
        } catch (IOException e) {
            return new ModelInfo(p, source, size, null, p.getFileName().toString(), null, e.getMessage(), id, null, false);
        }
    }
}
