package dev.docent.eval;

import dev.docent.assistant.SampleCorpusRetrievalTest;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.retriever.lucene.ChunkIndex;
import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.VectorFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark, not a test: hybrid search as {@code /ask} runs it ({@link HybridSearch#defaults})
 * over a synthetic index of N chunks (Zipf-distributed words, random unit vectors of the default
 * model's 384 dimensions: HNSW's hardest case, with no clusters to exploit), with the default
 * embedding model loaded as the server holds it. Prints search p50/p99 (query embedding excluded),
 * the real model's query embedding p50/p99 apart, and the process RSS. Run after
 * {@code ./mvnw -q -pl cli -am package -DskipTests}:
 * {@code java --add-modules jdk.incubator.vector -cp "cli/target/test-classes:assistant/target/test-classes:cli/target/docent.jar:cli/target/lib/*"
 * dev.docent.eval.SearchBench DIR [CHUNKS] [QUERIES] [VECTOR_FORMAT]}. The index is built once in DIR and
 * reused; VECTOR_FORMAT (default {@link VectorFormat#DEFAULT}, e.g. {@code int8(m=16,beam=100)}) applies when it is built.
 */
public final class SearchBench {

    private static final int DIMS = 384;
    private static final int VOCABULARY = 40_000;
    private static final int WORDS_PER_CHUNK = 180;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Random random = new Random(42);
        double[] zipf = zipfCumulative();
        VectorFormat format = args.length > 3 ? VectorFormat.parse(args[3]) : VectorFormat.DEFAULT;
        Path marker = dir.resolve("complete-" + chunks);
        try (ChunkIndex index = ChunkIndex.open(dir, format)) {
            if (!Files.exists(marker)) {
                long t0 = System.nanoTime();
                index.deleteAll();
                for (int i = 0; i < chunks; i++) {
                    String path = "/bench/doc" + (i / 20) + ".txt"; // 20 chunks per document
                    index.replaceDocument(path + "#" + i, List.of(new IndexedChunk(path + "#" + i, "Document " + (i / 20),
                            1 + i % 20, "Section " + (i % 7), i % 20, 0, 1000, words(random, zipf, WORDS_PER_CHUNK), unit(random))));
                    if ((i + 1) % 10_000 == 0) System.out.printf("  indexed %d chunks (%.0f s)%n", i + 1, (System.nanoTime() - t0) / 1e9);
                }
                index.commit();
                Files.writeString(marker, "ok\n");
                System.out.printf("Built %d chunks in %.0f s%n", chunks, (System.nanoTime() - t0) / 1e9);
            }
            long bytes;
            try (var files = Files.list(dir)) {
                bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
            System.out.printf("%d chunks in %s (%s, %d MB on disk)%n", index.chunkCount(), dir, format, bytes >> 20);
            HybridSearch search = HybridSearch.defaults(index.searcher());
            List<String> texts = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int q = 0; q < queries; q++) {
                texts.add(words(random, zipf, 4 + random.nextInt(8)));
                vectors.add(unit(random));
            }
            for (int q = 0; q < Math.min(100, queries); q++) search.search(texts.get(q), vectors.get(q), 5); // warm-up
            long[] nanos = new long[queries];
            for (int q = 0; q < queries; q++) {
                long t0 = System.nanoTime();
                search.search(texts.get(q), vectors.get(q), 5);
                nanos[q] = System.nanoTime() - t0;
            }
            System.out.printf("hybrid search (%s + %s, depth %d, top 5): p50 %.1f ms, p99 %.1f ms over %d queries%n",
                    HybridSearch.DEFAULT_FUSION, HybridSearch.DEFAULT_FEEDBACK, HybridSearch.DEFAULT_DEPTH,
                    Latency.percentileMillis(nanos, 50), Latency.percentileMillis(nanos, 99), queries);
            try (Embedder embedder = Embedders.defaultModel(Runtime.getRuntime().availableProcessors())) {
                List<String> questions = SampleCorpusRetrievalTest.questions().stream().map(SampleCorpusRetrievalTest.Question::text).toList();
                for (String q : questions) embedder.embedQuery(q); // warm-up
                long[] embed = new long[questions.size()];
                for (int i = 0; i < embed.length; i++) {
                    long t0 = System.nanoTime();
                    embedder.embedQuery(questions.get(i));
                    embed[i] = System.nanoTime() - t0;
                }
                System.out.printf("query embedding (%s, sample-corpus questions): p50 %.1f ms, p99 %.1f ms over %d%n",
                        embedder.modelName(), Latency.percentileMillis(embed, 50), Latency.percentileMillis(embed, 99), embed.length);
                for (int q = 0; q < queries; q++) search.search(texts.get(q), vectors.get(q), 5); // searching with the model loaded
                System.gc();
                System.out.printf("RSS with the index open, searched, and the embedding model loaded: %s; Java heap used %d MB of max %d MB%n",
                        rss(), (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        }
    }

    /** Resident memory, split into anonymous (heap, native) and file-backed (mapped index files). */
    private static String rss() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:") || line.startsWith("RssAnon:") || line.startsWith("RssFile:")) {
                sb.append(sb.isEmpty() ? "" : ", ").append(line.replaceAll("\\s+", " "));
            }
        }
        return sb.isEmpty() ? "unknown (no /proc)" : sb.toString();
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
            int w = java.util.Arrays.binarySearch(zipf, r.nextDouble());
            sb.append(word(w < 0 ? -w - 1 : w)).append(' ');
        }
        return sb.toString().strip();
    }

    /** A pronounceable made-up word per rank, so the analyzer sees word-like tokens. */
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
