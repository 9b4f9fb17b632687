package dev.docent.retriever;

import dev.docent.retriever.lucene.ChunkIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Benchmark, not a test: {@link Searcher#matchDocuments} over a synthetic index of N chunks, 20 per
 * document (Zipf-distributed made-up words, 180 per chunk, random unit vectors of 384 dimensions, as
 * cli's SearchBench builds them). Prints p50/p99 for a very common term (in nearly every chunk), a
 * mid-frequency term, two terms, text with a vector, a vector alone and a list of every document.
 * Run after {@code ./mvnw -q -pl retriever test-compile} (and {@code ./mvnw -q -pl cli -am package
 * -DskipTests} for the jars): {@code java --add-modules jdk.incubator.vector -cp
 * "retriever/target/test-classes:retriever/target/classes:cli/target/lib/*" dev.docent.retriever.DocumentMatchBench DIR [CHUNKS] [RUNS]}.
 * The index is built once in DIR and reused.
 *
 * <p>Measured 2026-12-05 on 2 shared cores (AMD EPYC, AVX-512), JDK 25, 100,000 chunks in 5,000
 * documents, 100 runs each, 3 passages per document unless said; CPU time of the searching thread
 * (the wall clock, at a load average of 4 to 8 from other builds, was 1.5 to 4.5 times it):
 * <pre>
 * query                                     documents  CPU p50   CPU p99   (wall p50 / p99)
 * common term (in every chunk)                  5,000  310 ms    448 ms    (699 / 1916 ms)
 * common term, 1 passage per document           5,000  133 ms    177 ms    (336 / 1016 ms)
 * mid-frequency term                            3,346  109 ms    157 ms    (193 / 442 ms)
 * two terms                                     4,984  298 ms    335 ms    (570 / 1251 ms)
 * common term + vector (exact scan)             5,000  356 ms    515 ms    (962 / 2058 ms)
 * vector alone, cosine >= 0.1                   2,013   64 ms     81 ms    (142 / 483 ms)
 * every document, no condition, 1 passage       5,000   96 ms    125 ms    (145 / 394 ms)
 * </pre>
 * Reading the passages' stored fields (LZ4 blocks) is about 70 % of the time (a JFR
 * profile), so the cost follows documents times passages; the exact vector scan adds 20 to 50 ms.
 */
public final class DocumentMatchBench {

    private static final int DIMS = 384;
    private static final int VOCABULARY = 40_000;
    private static final int WORDS_PER_CHUNK = 180;
    private static final int CHUNKS_PER_DOCUMENT = 20;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Random random = new Random(42);
        double[] zipf = zipfCumulative();
        Path marker = dir.resolve("complete-" + chunks);
        try (ChunkIndex index = ChunkIndex.open(dir)) {
            if (!Files.exists(marker)) {
                long t0 = System.nanoTime();
                index.deleteAll();
                for (int d = 0; d * CHUNKS_PER_DOCUMENT < chunks; d++) {
                    String path = "/bench/doc" + d + ".txt";
                    List<IndexedChunk> doc = new ArrayList<>();
                    for (int k = 0; k < CHUNKS_PER_DOCUMENT; k++) {
                        doc.add(new IndexedChunk(path, "Document " + d, 1 + k, "Section " + (k % 7), k, 0, 1000,
                                words(random, zipf, WORDS_PER_CHUNK), unit(random)));
                    }
                    index.replaceDocument(path, doc);
                }
                index.commit();
                Files.writeString(marker, "ok\n");
                System.out.printf("Built %d chunks in %.0f s%n", chunks, (System.nanoTime() - t0) / 1e9);
            }
            Searcher s = index.searcher();
            float[] vector = unit(random);
            time("common term '" + word(0) + "'", runs, () -> s.matchDocuments(DocumentMatchQuery.of(word(0), null)));
            time("common term, 1 passage per document", runs,
                    () -> s.matchDocuments(DocumentMatchQuery.of(word(0), null).withPassages(1)));
            time("mid-frequency term '" + word(300) + "'", runs, () -> s.matchDocuments(DocumentMatchQuery.of(word(300), null)));
            time("two terms '" + word(5) + " " + word(50) + "'", runs,
                    () -> s.matchDocuments(DocumentMatchQuery.of(word(5) + " " + word(50), null)));
            time("common term + vector (exact scan)", runs, () -> s.matchDocuments(DocumentMatchQuery.of(word(0), vector)));
            time("vector alone, cosine >= 0.1", runs, () -> s.matchDocuments(DocumentMatchQuery.of(null, vector).withMinCosine(0.1)));
            time("every document (no condition, 1 passage)", runs, () -> s.matchDocuments(DocumentMatchQuery.all(null).withPassages(1)));
        }
    }

    private static void time(String name, int runs, Supplier<List<DocumentMatch>> search) {
        int found = 0;
        for (int i = 0; i < 5; i++) found = search.get().size(); // warm-up
        long[] nanos = new long[runs], cpu = new long[runs];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            search.get();
            nanos[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        // CPU time beside wall time: on a shared machine, waiting for a core inflates the wall clock.
        System.out.printf("%-45s %5d documents: p50 %6.1f ms, p99 %6.1f ms (CPU p50 %6.1f ms, p99 %6.1f ms)%n", name, found,
                nanos[(int) Math.ceil(0.50 * runs) - 1] / 1e6, nanos[(int) Math.ceil(0.99 * runs) - 1] / 1e6,
                cpu[(int) Math.ceil(0.50 * runs) - 1] / 1e6, cpu[(int) Math.ceil(0.99 * runs) - 1] / 1e6);
    }

    private static double[] zipfCumulative() {
        double[] c = new double[VOCABULARY];
        double sum = 0;
        for (int i = 0; i < VOCABULARY; i++) c[i] = sum += 1.0 / (i + 1);
        for (int i = 0; i < VOCABULARY; i++) c[i] /= sum;
        return c;
    }

    private static String words(Random r, double[] zipf, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int w = Arrays.binarySearch(zipf, r.nextDouble());
            sb.append(word(w < 0 ? -w - 1 : w)).append(' ');
        }
        return sb.toString().strip();
    }

    /** A pronounceable made-up word per rank (as SearchBench makes them). */
    private static String word(int rank) {
        String[] syllables = {"ka", "lo", "mi", "ter", "su", "ran", "vo", "pe", "dil", "no", "ga", "ri", "bel", "tu", "son", "fa"};
        StringBuilder sb = new StringBuilder();
        int x = rank + 16;
        while (x > 0) {
            sb.append(syllables[x % 16]);
            x /= 16;
        }
        return sb.toString();
    }

    private static float[] unit(Random r) {
        float[] v = new float[DIMS];
        double s = 0;
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) r.nextGaussian();
            s += v[i] * v[i];
        }
        for (int i = 0; i < DIMS; i++) v[i] /= (float) Math.sqrt(s);
        return v;
    }
}
