package dev.docent.opensearch;

import dev.docent.opensearch.bench.SyntheticCorpus;
import dev.docent.opensearch.cluster.Node;
import dev.docent.opensearch.cluster.TestCluster;
import dev.docent.retriever.ChunkStore;
import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.lucene.ChunkIndex;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Benchmark, not a test: the same synthetic chunks ({@link SyntheticCorpus}: Zipf-distributed made-up words, 180 per chunk,
 * 20 chunks per document, random unit vectors of 384 dimensions, as retriever's DocumentMatchBench)
 * written to the embedded Lucene index and to the 2-node test cluster (1 shard, 1 replica), then
 * hybrid search ({@link HybridSearch#defaults}, top 10, 2 words + a vector; query embedding not
 * included) in interleaved rounds: Lucene, cluster, Lucene, ... Prints ingestion chunks/s (one
 * replace per document, then a commit), search p50/p99 per round and the median ratio over rounds,
 * and the resident memory of the cluster's node processes. Issue 19's run at 100,000 chunks, with
 * BM25-only and vector-only rounds, request counts and sizes: {@link dev.docent.opensearch.bench.ScaleBench}.
 * Run: {@code ./mvnw -q -o -pl opensearch test-compile}, then
 * {@code java --add-modules jdk.incubator.vector -Ddocent.opensearch.dist=opensearch/target/opensearch-dist
 * -Ddocent.opensearch.work=opensearch/target/opensearch-cluster -cp "$(cat /tmp/os-cp.txt):opensearch/target/test-classes:opensearch/target/classes"
 * dev.docent.opensearch.OpenSearchBench DIR [CHUNKS] [ROUNDS] [QUERIES]}, with the test classpath from
 * {@code ./mvnw -q -o -pl opensearch dependency:build-classpath -Dmdep.outputFile=/tmp/os-cp.txt -Dmdep.includeScope=test}.
 */
public final class OpenSearchBench {

    private OpenSearchBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        Files.createDirectories(dir);
        TestCluster cluster = TestCluster.get();
        System.out.printf("cluster: %d nodes green in %d ms%n", cluster.nodes().size(), cluster.startTime().toMillis());
        OpenSearchConnection connection = OpenSearchConnection.to(Arrays.stream(cluster.hosts().split(",")).map(URI::create).toList(), null);
        SyntheticCorpus corpus = new SyntheticCorpus();

        try (ChunkIndex lucene = ChunkIndex.open(Files.createTempDirectory(dir, "lucene"))) {
            OpenSearchIndex os = OpenSearchIndex.open(connection, "bench-" + System.nanoTime(), "bench", OpenSearchIndex.IndexOptions.DEFAULT);
            double luceneRate = ingest(lucene, chunks, corpus), osRate = ingest(os, chunks, corpus);
            System.out.printf("ingestion, %d chunks: lucene %.0f chunks/s, opensearch %.0f chunks/s (ratio %.2f)%n", chunks, luceneRate,
                    osRate, osRate / luceneRate);
            HybridSearch a = HybridSearch.defaults(lucene.searcher()), b = HybridSearch.defaults(os.searcher());
            for (int w = 0; w < 20; w++) { // warm-up, both
                search(a, new Random(w), corpus);
                search(b, new Random(w), corpus);
            }
            List<Double> p50Ratios = new ArrayList<>(), p99Ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double[] la = times(a, queries, corpus, 1000 + round), lb = times(b, queries, corpus, 1000 + round);
                System.out.printf("round %d: lucene p50 %.1f ms p99 %.1f ms | opensearch p50 %.1f ms p99 %.1f ms%n", round + 1,
                        pct(la, 50), pct(la, 99), pct(lb, 50), pct(lb, 99));
                p50Ratios.add(pct(lb, 50) / pct(la, 50));
                p99Ratios.add(pct(lb, 99) / pct(la, 99));
            }
            System.out.printf("opensearch/lucene p50 ratio: median %.2f (min %.2f, max %.2f); p99 ratio: median %.2f (min %.2f, max %.2f)%n",
                    median(p50Ratios), min(p50Ratios), max(p50Ratios), median(p99Ratios), min(p99Ratios), max(p99Ratios));
            for (Node n : cluster.nodes()) System.out.printf("%s RSS %d MB%n", n.name(), rssMb(n.pid()));
            System.out.printf("this JVM (Lucene index in process, and the client) RSS %d MB%n", rssMb(ProcessHandle.current().pid()));
        }
        connection.close();
    }

    private static double ingest(ChunkStore store, int chunks, SyntheticCorpus corpus) {
        Random r = new Random(42);
        long t0 = System.nanoTime();
        for (int d = 0; d * SyntheticCorpus.CHUNKS_PER_DOCUMENT < chunks; d++) {
            store.replaceDocument(SyntheticCorpus.path(d), corpus.document(d, r));
        }
        store.commit();
        return chunks / ((System.nanoTime() - t0) / 1e9);
    }

    private static double[] times(HybridSearch s, int n, SyntheticCorpus corpus, long seed) {
        Random r = new Random(seed);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            search(s, r, corpus);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void search(HybridSearch s, Random r, SyntheticCorpus corpus) {
        if (s.search(corpus.words(r, 2), SyntheticCorpus.unit(r), 10).isEmpty()) throw new IllegalStateException("no hit");
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
    }

    private static long rssMb(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
        return -1;
    }
}
