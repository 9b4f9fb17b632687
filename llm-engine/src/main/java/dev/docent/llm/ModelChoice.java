package dev.docent.llm;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Choosing among the models {@link ModelFinder} found: by the name a user typed
 * ({@code --model llama3.2:3b}, or a unique beginning of a name), and the one Docent would suggest.
 */
public final class ModelChoice {

    private ModelChoice() {}

    /**
     * The chat model called {@code name}: an exact name first (case-sensitive, then not), else the
     * one chat model whose name begins with it.
     *
     * @throws IllegalArgumentException saying what to do when no model, several, or no chat model matches
     */
    public static ModelInfo byName(String name, List<ModelInfo> found) {
        String wanted = name.strip();
        List<ModelInfo> exact = found.stream().filter(m -> m.id().equals(wanted)).toList();
        if (exact.isEmpty()) exact = found.stream().filter(m -> m.id().equalsIgnoreCase(wanted)).toList();
        if (!exact.isEmpty()) return only(wanted, exact, true);
        String lower = wanted.toLowerCase(Locale.ROOT);
        List<ModelInfo> prefixed = found.stream().filter(m -> m.id().toLowerCase(Locale.ROOT).startsWith(lower)).toList();
        if (prefixed.isEmpty()) {
            throw new IllegalArgumentException("no model named '" + wanted + "' on this machine; ./docent models lists the"
                    + " names (or give the path of a .gguf file)");
        }
        return only(wanted, prefixed, false);
    }

    private static ModelInfo only(String wanted, List<ModelInfo> matches, boolean exact) {
        List<ModelInfo> chat = matches.stream().filter(ModelInfo::isChat).toList();
        if (chat.isEmpty()) {
            ModelInfo m = matches.getFirst();
            throw new IllegalArgumentException("'" + m.id() + "' is " + m.notChatReason() + "; pick a chat model from"
                    + " ./docent models");
        }
        if (chat.size() == 1) return chat.getFirst();
        if (exact) {
            throw new IllegalArgumentException("'" + wanted + "' names " + chat.size() + " files: " + chat.stream()
                    .map(m -> m.path() + " (" + m.source() + ")").collect(Collectors.joining(", ")) + "; give the path instead");
        }
        throw new IllegalArgumentException("'" + wanted + "' matches " + chat.size() + " models: " + chat.stream()
                .map(ModelInfo::id).distinct().sorted().collect(Collectors.joining(", ")) + "; give more of the name");
    }

    /** {@link #suggest(List, long)} for this machine's memory. */
    public static Optional<ModelInfo> suggest(List<ModelInfo> found) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        return suggest(found, memory);
    }

    /**
     * The model Docent would use: a chat model that fits in half of {@code memoryBytes} (the rest is
     * for the context, the index and everything else running), preferring one in Docent's own
     * models folder, then one with a chat template (an instruct model), then the biggest (the best
     * answers). Empty when no chat model fits.
     */
    public static Optional<ModelInfo> suggest(List<ModelInfo> found, long memoryBytes) {
        return found.stream()
                .filter(ModelInfo::isChat)
                .filter(m -> memoryBytes <= 0 || m.bytes() <= memoryBytes / 2)
                .min(Comparator.comparing((ModelInfo m) -> !m.source().equals(ModelFinder.MODELS_FOLDER))
                        .thenComparing(m -> !m.chatTemplate())
                        .thenComparing(Comparator.comparingLong(ModelInfo::bytes).reversed()));
    }
}
