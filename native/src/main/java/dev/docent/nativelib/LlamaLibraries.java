package dev.docent.nativelib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the llama.cpp shared libraries are. In order: the system property
 * {@code docent.llama.dir}, the environment variable {@code DOCENT_LLAMA_DIR} (a user's own
 * llama.cpp build of the pinned release), then the cache the build filled.
 */
public final class LlamaLibraries {

    /** libllama.so, libllama.v0.4.0.so, libllama.metal.v0.4.0.dylib, llama.dll; not llama-common. */
    private static final Pattern LIBLLAMA = Pattern.compile("(lib)?llama(\\.[a-z0-9.]+)?\\.(so|dylib|dll)");

    private LlamaLibraries() {}

    /** The per-user cache directory for a platform package. */
    public static Path cacheDir(String platformPackage) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String home = System.getProperty("user.home");
        Path root;
        if (os.contains("mac")) root = Path.of(home, "Library", "Caches", "Docent");
        else if (os.contains("win")) root = Path.of(System.getenv().getOrDefault("LOCALAPPDATA", home), "Docent", "cache");
        else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            root = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache")).resolve("docent");
        }
        return root.resolve("llama.cpp").resolve(LlamaRelease.npmVersion()).resolve(platformPackage);
    }

    /** The directory holding libllama and its ggml libraries; explains the fix if there is none. */
    public static Path directory() {
        String configured = System.getProperty("docent.llama.dir", System.getenv("DOCENT_LLAMA_DIR"));
        Path dir = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : cacheDir(LlamaRelease.platformPackage(System.getenv("DOCENT_LLAMA_FLAVOUR")));
        if (find(dir).isEmpty()) {
            throw new IllegalStateException("llama.cpp libraries not found in " + dir + ". Build Docent once with npm"
                    + " available (./mvnw install fetches them), or set DOCENT_LLAMA_DIR to a llama.cpp "
                    + LlamaRelease.release() + " build's library folder.");
        }
        return dir;
    }

    /** The libllama file in {@code dir}, if any. */
    public static Optional<Path> find(Path dir) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> LIBLLAMA.matcher(p.getFileName().toString()).matches()).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
