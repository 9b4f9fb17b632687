package dev.docent.llm;

import java.nio.file.Path;

/**
 * A GGUF model file found on this machine.
 *
 * @param path the file
 * @param source where it was found ("models folder", "Ollama", "LM Studio", "Hugging Face", "GPT4All")
 * @param bytes file size
 * @param architecture general.architecture, e.g. llama, qwen2
 * @param name general.name, or the file name
 * @param quantization e.g. Q4_K_M, or null when the file does not say
 * @param problem why the file cannot be used, or null
 * @param id the name to pick it by ({@code --model NAME}, the UI): the file name without
 *     {@code .gguf}, or Ollama's own name such as {@code llama3.2:3b}
 * @param role what the file holds (see {@link #CHAT}); only {@link #CHAT} models can write answers
 * @param chatTemplate whether the file carries a chat template (instruct models do; base models do not)
 */
public record ModelInfo(Path path, String source, long bytes, String architecture, String name, String quantization,
        String problem, String id, String role, boolean chatTemplate) {

    /** A text-generating model: can write answers. */
    public static final String CHAT = "chat";
    /** Turns text into vectors (BERT and friends, or any model with a pooling type); cannot write answers. */
    public static final String EMBEDDING = "embedding";
    /** A vision projector (mmproj/clip) that belongs beside a chat model. */
    public static final String PROJECTOR = "projector";
    /** A LoRA adapter, applied on top of a model. */
    public static final String ADAPTER = "adapter";
    /** Vocabulary only (no weights), as llama.cpp ships for tokenizer tests. */
    public static final String VOCABULARY = "vocabulary";

    /** The file size for people: "2.0 GB", "640 MB", "1.2 MB". */
    public String size() {
        if (bytes >= 1_000_000_000L) return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9);
        return String.format(java.util.Locale.ROOT, bytes >= 10_000_000L ? "%.0f MB" : "%.1f MB", bytes / 1e6);
    }

    /** True when Docent can load it to write answers. */
    public boolean isChat() {
        return problem == null && CHAT.equals(role);
    }

    /** Why it is not offered as a chat model, or null when it is one. */
    public String notChatReason() {
        if (problem != null) return "unusable: " + problem;
        if (CHAT.equals(role)) return null;
        return switch (role) {
            case EMBEDDING -> "an embedding model (" + architecture + "), not a chat model";
            case PROJECTOR -> "a vision projector, not a chat model";
            case ADAPTER -> "a LoRA adapter, not a whole model";
            case VOCABULARY -> "a vocabulary without weights";
            default -> "not a chat model (" + role + ")";
        };
    }
}
