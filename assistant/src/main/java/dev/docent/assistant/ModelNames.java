package dev.docent.assistant;

import dev.docent.llm.ModelChoice;
import dev.docent.llm.ModelFinder;
import dev.docent.llm.ModelInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --model} and {@code llm.model} may say: the path of a GGUF file, a name from
 * {@code ./docent models} (exact, or a unique beginning: {@code llama3.2:3b}, {@code qwen2.5-3b}),
 * or {@code auto}, the model {@link ModelChoice#suggest} picks.
 */
public final class ModelNames {

    public static final String AUTO = "auto";

    private ModelNames() {}

    /** The models on this machine, for a Docent whose data directory is {@code dataDir}. */
    public static List<ModelInfo> found(Path dataDir) {
        return ModelFinder.find(ModelFinder.usualPlaces(dataDir.resolve("models")));
    }

    /**
     * The GGUF file {@code value} means.
     *
     * @throws IllegalArgumentException saying what to do when it names no file or chat model
     */
    public static Path resolve(String value, Path dataDir) {
        String v = value.strip();
        Path asPath = Path.of(v);
        if (Files.isRegularFile(asPath)) {
            ModelInfo info = describe(asPath);
            if (info != null && info.problem() == null && !info.isChat()) {
                throw new IllegalArgumentException(v + " is " + info.notChatReason() + "; pick a chat model (./docent models)");
            }
            return asPath.toAbsolutePath();
        }
        if (v.toLowerCase(Locale.ROOT).endsWith(".gguf") || asPath.isAbsolute() || v.startsWith(".")) {
            throw new IllegalArgumentException("model file not found: " + v + " (./docent models lists the models found)");
        }
        List<ModelInfo> found = found(dataDir);
        if (v.equalsIgnoreCase(AUTO)) {
            return ModelChoice.suggest(found).map(ModelInfo::path).orElseThrow(() -> new IllegalArgumentException(
                    "no chat model found on this machine to use automatically; see ./docent models"));
        }
        return ModelChoice.byName(v, found).path();
    }

    private static ModelInfo describe(Path file) {
        try {
            return ModelFinder.describe(file, "given", file.getFileName().toString());
        } catch (java.io.IOException e) {
            return null; // loading it will say what is wrong
        }
    }
}
