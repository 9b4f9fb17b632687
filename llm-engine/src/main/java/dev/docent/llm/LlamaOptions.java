package dev.docent.llm;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How to run a GGUF model with llama.cpp.
 *
 * @param model the GGUF file
 * @param contextSize tokens of context (prompt + answer); capped at what the model was trained for
 * @param threads CPU threads for llama.cpp
 * @param gpuLayers layers to offload to the GPU; -1 all (Metal on Apple Silicon), 0 none
 * @param sampling token choice
 * @param queueCapacity requests that may wait while one is generated; more get {@link GeneratorBusyException}
 */
public record LlamaOptions(Path model, int contextSize, int threads, int gpuLayers, Sampling sampling, int queueCapacity) {

    public static LlamaOptions defaults(Path model) {
        return new LlamaOptions(model, 4096, defaultThreads(), defaultGpuLayers(), Sampling.FACTUAL, 4);
    }

    public LlamaOptions withModel(Path m) {
        return new LlamaOptions(m, contextSize, threads, gpuLayers, sampling, queueCapacity);
    }

    public LlamaOptions withGpuLayers(int n) {
        return new LlamaOptions(model, contextSize, threads, n, sampling, queueCapacity);
    }

    public LlamaOptions withThreads(int n) {
        return new LlamaOptions(model, contextSize, n, gpuLayers, sampling, queueCapacity);
    }

    public LlamaOptions withContextSize(int n) {
        return new LlamaOptions(model, n, threads, gpuLayers, sampling, queueCapacity);
    }

    public LlamaOptions withSampling(Sampling s) {
        return new LlamaOptions(model, contextSize, threads, gpuLayers, s, queueCapacity);
    }

    public LlamaOptions withQueueCapacity(int n) {
        return new LlamaOptions(model, contextSize, threads, gpuLayers, sampling, n);
    }

    /** All layers on Metal on Apple Silicon; the CPU build elsewhere has no GPU to offload to. */
    static int defaultGpuLayers() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return os.contains("mac") && (arch.equals("aarch64") || arch.equals("arm64")) ? -1 : 0;
    }

    /**
     * One thread per performance core: ggml's threads spin and wait for the slowest, so more
     * threads than fast cores only contend. On Apple Silicon the efficiency cores are left out.
     */
    static int defaultThreads() {
        int all = Math.max(1, Runtime.getRuntime().availableProcessors());
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) return all;
        try {
            Process p = new ProcessBuilder("sysctl", "-n", "hw.perflevel0.physicalcpu").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
            int perf = p.waitFor() == 0 ? Integer.parseInt(out) : all;
            return Math.max(1, Math.min(all, perf));
        } catch (java.io.IOException | NumberFormatException e) {
            return all; // Intel Macs have no perflevel: all cores are alike
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all;
        }
    }
}
