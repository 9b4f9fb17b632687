package dev.docent.llm.internal;

import dev.docent.llm.Completion;
import dev.docent.llm.Sampling;
import java.nio.file.Path;
import java.util.Random;

/**
 * Prompt processing (pp) and generation (tg) speed through Docent's binding, measured the way
 * llama-bench measures them: pp = decoding N random tokens from an empty cache; tg = producing
 * N tokens one at a time (here including greedy sampling and detokenisation, which llama-bench
 * skips), and decode-only = the same N single-token steps without sampling, exactly what
 * llama-bench's tg measures. Not a test; see docs/benchmarks.md for the command and the comparison.
 * Args: MODEL THREADS PP TG REPS
 */
public final class LlamaBench {

    public static void main(String[] args) {
        Path model = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int pp = Integer.parseInt(args[2]);
        int tg = Integer.parseInt(args[3]);
        int reps = Integer.parseInt(args[4]);
        try (var m = LlamaModel.load(model, 0); var s = new LlamaSession(m, pp + tg + 8, threads, Sampling.GREEDY)) {
            s.stopAtEndOfGeneration = false;
            Random random = new Random(42);
            int[] prompt = new int[pp];
            for (int i = 0; i < pp; i++) prompt[i] = random.nextInt(m.vocabularySize());
            s.clearCache();
            s.generate(prompt, 1, t -> {}, () -> false); // warm-up
            double ppSum = 0, tgSum = 0, decodeSum = 0;
            int[] steps = new int[tg];
            for (int i = 0; i < tg; i++) steps[i] = random.nextInt(m.vocabularySize());
            for (int r = 0; r < reps; r++) {
                s.clearCache();
                long p0 = System.nanoTime();
                s.generate(prompt, 0, t -> {}, () -> false);
                ppSum += pp / ((System.nanoTime() - p0) / 1e9);
                s.clearCache();
                long t0 = System.nanoTime();
                Completion g = s.generate(new int[] {prompt[0]}, tg, t -> {}, () -> false);
                tgSum += g.generatedTokens() / ((System.nanoTime() - t0) / 1e9);
                s.clearCache();
                long d0 = System.nanoTime();
                s.decodeOneByOne(steps);
                decodeSum += tg / ((System.nanoTime() - d0) / 1e9);
            }
            System.out.printf("docent pp%d %.2f t/s | tg%d %.2f t/s | decode-only %.2f t/s | threads %d | %s%n", pp,
                    ppSum / reps, tg, tgSum / reps, decodeSum / reps, threads,
                    dev.docent.llm.internal.ffi.LlamaRuntime.get().directory());
        }
    }
}
