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
 */
public record ModelInfo(Path path, String source, long bytes, String architecture, String name, String quantization,
        String problem) {}
