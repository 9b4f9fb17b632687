package dev.docent.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ollama's names for its GGUF blobs. Ollama keeps weights as content-addressed files
 * ({@code blobs/sha256-HEX}) and names them in manifests ({@code manifests/HOST/NAMESPACE/MODEL/TAG},
 * JSON whose layer of media type {@code application/vnd.ollama.image.model} is the GGUF). A model
 * from the default namespace {@code library} is called {@code MODEL:TAG} (as {@code ollama list}
 * shows it), any other {@code NAMESPACE/MODEL:TAG}; the host folder is not part of the name.
 */
final class OllamaManifests {

    /** One named model: its name and its weights file. */
    record Named(String name, Path blob) {}

    private static final Pattern LAYER = Pattern.compile("\\{[^{}]*}");
    private static final Pattern MODEL_MEDIA = Pattern.compile("\"mediaType\"\\s*:\\s*\"application/vnd\\.ollama\\.image\\.model\"");
    private static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"sha256:([0-9a-fA-F]{64})\"");

    private OllamaManifests() {}

    /** The named models under an Ollama models folder (the one holding {@code manifests} and {@code blobs}). */
    static List<Named> read(Path root) {
        Path manifests = root.resolve("manifests");
        List<Named> out = new ArrayList<>();
        if (!Files.isDirectory(manifests)) return out;
        try (Stream<Path> files = Files.walk(manifests, 6)) {
            files.filter(Files::isRegularFile).sorted().forEach(m -> {
                Path blob = modelBlob(root, m);
                String name = name(manifests.relativize(m));
                if (blob != null && name != null) out.add(new Named(name, blob));
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // an unreadable manifests folder: the blobs are still listed by their file names
        }
        return out;
    }

    /** {@code HOST/library/llama3.2/3b} → {@code llama3.2:3b}; {@code HOST/me/mine/latest} → {@code me/mine:latest}. */
    static String name(Path relative) {
        int n = relative.getNameCount();
        if (n < 2) return null;
        String tag = relative.getName(n - 1).toString();
        String model = relative.getName(n - 2).toString();
        String namespace = n >= 3 ? relative.getName(n - 3).toString() : "library";
        return (namespace.equals("library") ? "" : namespace + "/") + model + ":" + tag;
    }

    private static Path modelBlob(Path root, Path manifest) {
        String json;
        try {
            if (Files.size(manifest) > 1_000_000) return null; // manifests are small; this is something else
            json = Files.readString(manifest);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Matcher layer = LAYER.matcher(json);
        while (layer.find()) {
            String l = layer.group();
            Matcher digest = DIGEST.matcher(l);
            if (!MODEL_MEDIA.matcher(l).find() || !digest.find()) continue;
            String hex = digest.group(1).toLowerCase(java.util.Locale.ROOT);
            for (String file : List.of("sha256-" + hex, "sha256:" + hex)) { // older Ollama used a colon
                try {
                    Path blob = root.resolve("blobs").resolve(file);
                    if (Files.isRegularFile(blob)) return blob;
                } catch (java.nio.file.InvalidPathException e) {
                    // a colon is not allowed in Windows file names
                }
            }
        }
        return null;
    }
}
