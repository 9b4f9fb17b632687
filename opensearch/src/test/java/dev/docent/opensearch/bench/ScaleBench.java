package dev.docent.opensearch.bench;

import dev.docent.opensearch.OpenSearchConnection;
import dev.docent.opensearch.OpenSearchIndex;
import dev.docent.opensearch.cluster.TestCluster;
import dev.docent.retriever.ChunkStore;
import dev.docent.retriever.Retrieval;
import dev.docent.retriever.Searcher;
import dev.docent.retriever.TextScoring;
import dev.docent.retriever.VectorFormat;
import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.lucene.ChunkIndex;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark, not a test (issue 19): the embedded Lucene index against the 2-node test cluster at
 * 100,000 chunks of {@link SyntheticCorpus}, in one run on one machine.
 * <ol>
 *   <li>Ingestion, alternating builds: Lucene, cluster (1 primary + 1 replica), Lucene, cluster
 *       again, then (with {@code two-primaries}) 2 primaries + 1 replica. One replace per document
 *       (20 chunks), then a commit, single-threaded; chunks/s.
 *   <li>Sizes: store per chunk by kind of file, shard copies, the nodes' live heap (after a full
 *       collection) before and after the load, peak heap during ingestion and searches, RSS, and
 *       the k-NN plugin's memory statistics.
 *   <li>Search, interleaved rounds over the same questions (two words and a vector): hybrid
 *       ({@link HybridSearch#defaults}: fusion and vector feedback, top 10), BM25 alone and vectors
 *       alone (one {@link Searcher#retrieve} at depth 100); p50/p99 per round, the median ratio
 *       to Lucene with its spread.
 *   <li>Where the time goes: HTTP requests per search by REST action (the cluster's own usage
 *       counters), the shards' query and fetch time per search, and one tiny request's latency.
 * </ol>
 * Run (from the worktree, after {@code ./mvnw -q -pl opensearch -am test-compile} and the test
 * classpath into /tmp/os-cp.txt, see {@code docs/benchmarks.md}):
 * {@code java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Ddocent.opensearch.dist=opensearch/target/opensearch-dist
 * -cp "$(cat /tmp/os-cp.txt):opensearch/target/test-classes:opensearch/target/classes"
 * dev.docent.opensearch.bench.ScaleBench DIR [CHUNKS] [ROUNDS] [QUERIES] [two-primaries | sizes-only | search-only]};
 * {@code sizes-only} builds each index once and reports what it takes, without searching;
 * {@code search-only} builds each once (Lucene, then the cluster with 1 primary) and runs only
 * the searches and the request counts (to re-time a change of the search path).
 */
public final class ScaleBench {

    private static final int WARM_UP = 20;
    private static final int COUNTED = 20;

    private ScaleBench() {}

    /** One way of searching, timed the same way on every backend. */
    private interface Mode {
        void run(Searcher s, String text, float[] vector);
    }

    private static final Map<String, Mode> MODES = new LinkedHashMap<>();

    static {
        MODES.put("hybrid", (s, t, v) -> {
            if (HybridSearch.defaults(s).search(t, v, 10).isEmpty()) throw new IllegalStateException("no hit");
        });
        MODES.put("bm25", (s, t, v) -> retrieve(s, t, null));
        MODES.put("vector", (s, t, v) -> retrieve(s, null, v));
    }

    private static void retrieve(Searcher s, String text, float[] vector) {
        try (Retrieval r = s.retrieve(text, vector, HybridSearch.DEFAULT_DEPTH)) {
            if (r.candidates().isEmpty()) throw new IllegalStateException("no candidate");
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        boolean twoPrimaries = args.length > 4 && args[4].equals("two-primaries");
        boolean sizesOnly = args.length > 4 && args[4].equals("sizes-only");
        boolean searchOnly = args.length > 4 && args[4].equals("search-only");
        Files.createDirectories(dir);
        System.out.println("load average at start: " + ClusterProbe.loadAverage());
        TestCluster cluster = TestCluster.get();
        String hosts = cluster.hosts();
        ClusterProbe probe = new ClusterProbe(hosts.split(",")[0]);
        // jcmd must attach as the user the nodes run as.
        List<String> asNodeUser = "root".equals(System.getProperty("user.name"))
                ? List.of("setpriv", "--reuid=docent-os", "--regid=docent-os", "--clear-groups", "--") : List.of();
        System.out.printf("cluster: %d nodes green in %d ms%n", cluster.nodes().size(), cluster.startTime().toMillis());
        System.out.println("empty cluster: live heap MB " + probe.liveHeapMb(asNodeUser) + ", RSS MB " + rss(probe));
        OpenSearchConnection connection = OpenSearchConnection.to(Arrays.stream(hosts.split(",")).map(URI::create).toList(), null);
        SyntheticCorpus corpus = new SyntheticCorpus();
        System.out.printf("chunk text: %.0f characters on average (the first 1,000 chunks)%n", corpus.averageChars(1_000));

        // Ingestion: alternating builds; the first of each pair is dropped once the second stands.
        Map<String, Searcher> backends = new LinkedHashMap<>();
        List<Double> rateRatios = new ArrayList<>();
        Path lucene1 = dir.resolve("lucene-1"), lucene2 = dir.resolve("lucene-2");
        OpenSearchIndex.IndexOptions onePrimary = new OpenSearchIndex.IndexOptions(1, 1, VectorFormat.DEFAULT, TextScoring.DEFAULT);
        if (searchOnly) { // one build of each, then the searches: re-timing the search path alone
            ChunkIndex lucene = ChunkIndex.open(lucene1);
            ingest("lucene", lucene, chunks, corpus);
            OpenSearchIndex os1 = OpenSearchIndex.open(connection, "bench-1p", "bench", onePrimary);
            ingest("opensearch 1 primary", os1, chunks, corpus);
            backends.put("lucene", lucene.searcher());
            backends.put("os-1p", os1.searcher());
            System.out.println("load average after ingestion: " + ClusterProbe.loadAverage());
            search(backends, corpus, rounds, queries, probe);
            System.out.println("load average at the end: " + ClusterProbe.loadAverage());
            lucene.close();
            connection.close();
            System.exit(0); // the shutdown hook kills the nodes
        }
        if (sizesOnly) { // one build of each, then what they take
            ingest("opensearch 1 primary", OpenSearchIndex.open(connection, "bench-1p", "bench", onePrimary), chunks, corpus);
            try (ChunkIndex l = ChunkIndex.open(lucene1)) {
                ingest("lucene", l, chunks, corpus);
            }
            Thread.sleep(11_000); // the cluster caches store sizes for 10 s (index.store.stats_refresh_interval)
            System.out.println(IndexSizes.ofLucene(lucene1, chunks));
            System.out.print(IndexSizes.ofCluster(probe, "bench-1p"));
            System.out.println("after the load: live heap MB " + probe.liveHeapMb(asNodeUser) + ", RSS MB " + rss(probe));
            connection.close();
            System.exit(0);
        }
        double l1;
        try (ChunkIndex l = ChunkIndex.open(lucene1)) {
            l1 = ingest("lucene (build 1)", l, chunks, corpus);
        }
        double o1;
        try (HeapWatch heap = new HeapWatch(probe)) {
            o1 = ingest("opensearch 1 primary (build 1)", OpenSearchIndex.open(connection, "bench-1p-a", "bench", onePrimary), chunks, corpus);
            System.out.println("  peak heap MB during it: " + heap.peakMb());
        }
        ChunkIndex lucene = ChunkIndex.open(lucene2);
        double l2 = ingest("lucene (build 2)", lucene, chunks, corpus);
        OpenSearchIndex os1 = OpenSearchIndex.open(connection, "bench-1p", "bench", onePrimary);
        double o2 = ingest("opensearch 1 primary (build 2)", os1, chunks, corpus);
        rateRatios.add(o1 / l1);
        rateRatios.add(o2 / l2);
        System.out.println("ingestion opensearch/lucene chunks/s ratio: " + rateRatios);
        probe.delete("/bench-1p-a,bench-1p-a-documents");
        deleteTree(lucene1);
        backends.put("lucene", lucene.searcher());
        backends.put("os-1p", os1.searcher());
        if (twoPrimaries) {
            OpenSearchIndex os2 = OpenSearchIndex.open(connection, "bench-2p", "bench",
                    new OpenSearchIndex.IndexOptions(2, 1, VectorFormat.DEFAULT, TextScoring.DEFAULT));
            double r2 = ingest("opensearch 2 primaries", os2, chunks, corpus);
            System.out.printf("  ratio to lucene (build 2): %.2f%n", r2 / l2);
            backends.put("os-2p", os2.searcher());
        }
        System.out.println("load average after ingestion: " + ClusterProbe.loadAverage());
        Thread.sleep(11_000); // the cluster caches store sizes for 10 s (index.store.stats_refresh_interval)

        System.out.println(IndexSizes.ofLucene(lucene2, chunks));
        System.out.print(IndexSizes.ofCluster(probe, "bench-1p"));
        if (twoPrimaries) System.out.print(IndexSizes.ofCluster(probe, "bench-2p"));
        System.out.println("after the load: live heap MB " + probe.liveHeapMb(asNodeUser) + ", RSS MB " + rss(probe)
                + ", bench JVM RSS MB " + ClusterProbe.rssMb(ProcessHandle.current().pid()));
        System.out.println("k-NN stats: " + probe.knnMemory());

        search(backends, corpus, rounds, queries, probe);
        System.out.println("after the searches: live heap MB " + probe.liveHeapMb(asNodeUser) + ", RSS MB " + rss(probe)
                + ", bench JVM RSS MB " + ClusterProbe.rssMb(ProcessHandle.current().pid()));
        System.out.println("k-NN stats: " + probe.knnMemory());
        System.out.println("load average at the end: " + ClusterProbe.loadAverage());
        lucene.close();
        connection.close();
        System.exit(0); // the shutdown hook kills the nodes
    }

    private static void search(Map<String, Searcher> backends, SyntheticCorpus corpus, int rounds, int queries, ClusterProbe probe) {
        for (var mode : MODES.entrySet()) {
            for (Searcher s : backends.values()) times(s, mode.getValue(), corpus, WARM_UP, 1);
        }
        Map<String, List<Double>> p50Ratios = new LinkedHashMap<>(), p99Ratios = new LinkedHashMap<>();
        try (HeapWatch heap = new HeapWatch(probe)) {
            for (int round = 1; round <= rounds; round++) {
                for (var mode : MODES.entrySet()) {
                    StringBuilder line = new StringBuilder(String.format("round %d %-6s:", round, mode.getKey()));
                    double luceneP50 = 0, luceneP99 = 0;
                    for (var b : backends.entrySet()) {
                        double[] ms = times(b.getValue(), mode.getValue(), corpus, queries, 1000 + round);
                        double p50 = Latencies.pct(ms, 50), p99 = Latencies.pct(ms, 99);
                        line.append(String.format(" | %s p50 %.1f ms p99 %.1f ms", b.getKey(), p50, p99));
                        if (b.getKey().equals("lucene")) {
                            luceneP50 = p50;
                            luceneP99 = p99;
                        } else {
                            p50Ratios.computeIfAbsent(mode.getKey() + " " + b.getKey(), k -> new ArrayList<>()).add(p50 / luceneP50);
                            p99Ratios.computeIfAbsent(mode.getKey() + " " + b.getKey(), k -> new ArrayList<>()).add(p99 / luceneP99);
                        }
                    }
                    System.out.println(line);
                }
            }
            System.out.println("peak heap MB during the searches: " + heap.peakMb());
        }
        for (String k : p50Ratios.keySet()) {
            System.out.printf("%s / lucene: p50 ratio %s; p99 ratio %s%n", k, Latencies.spread(p50Ratios.get(k)), Latencies.spread(p99Ratios.get(k)));
        }
        for (var b : backends.entrySet()) {
            if (b.getKey().equals("lucene")) continue;
            for (var mode : MODES.entrySet()) {
                Map<String, Long> before = probe.restActions();
                long[] work0 = probe.searchWork();
                times(b.getValue(), mode.getValue(), corpus, COUNTED, 7);
                long[] work1 = probe.searchWork();
                Map<String, Long> requests = ClusterProbe.delta(before, probe.restActions());
                long all = requests.values().stream().mapToLong(Long::longValue).sum();
                System.out.printf("%s %s: %.2f HTTP requests per search %s; shard queries %.1f (%.1f ms), fetches %.1f (%.1f ms) per search%n",
                        b.getKey(), mode.getKey(), all / (double) COUNTED, requests, (work1[0] - work0[0]) / (double) COUNTED,
                        (work1[1] - work0[1]) / (double) COUNTED, (work1[2] - work0[2]) / (double) COUNTED,
                        (work1[3] - work0[3]) / (double) COUNTED);
            }
            // The floor of one request through Docent's client: no text, no vector = only the index-state search.
            double[] ms = new double[queries];
            for (int i = 0; i < queries; i++) {
                long t0 = System.nanoTime();
                b.getValue().retrieve(null, null, 10).close();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            System.out.printf("%s one request (the index-state search alone): p50 %.1f ms p99 %.1f ms%n", b.getKey(), Latencies.pct(ms, 50),
                    Latencies.pct(ms, 99));
        }
        double[] ms = new double[queries];
        for (int i = 0; i < queries; i++) {
            long t0 = System.nanoTime();
            probe.get("/");
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.printf("GET / over loopback (JDK client): p50 %.1f ms p99 %.1f ms%n", Latencies.pct(ms, 50), Latencies.pct(ms, 99));
    }

    private static double[] times(Searcher s, Mode mode, SyntheticCorpus corpus, int n, long seed) {
        Random r = new Random(seed);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            String text = corpus.words(r, 2);
            float[] vector = SyntheticCorpus.unit(r);
            long t0 = System.nanoTime();
            mode.run(s, text, vector);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static double ingest(String label, ChunkStore store, int chunks, SyntheticCorpus corpus) {
        Random r = new Random(42);
        long t0 = System.nanoTime();
        for (int d = 0; d * SyntheticCorpus.CHUNKS_PER_DOCUMENT < chunks; d++) {
            store.replaceDocument(SyntheticCorpus.path(d), corpus.document(d, r));
        }
        store.commit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = chunks / seconds;
        System.out.printf("ingestion %s: %d chunks in %.0f s, %.0f chunks/s (load %s)%n", label, chunks, seconds, rate, ClusterProbe.loadAverage());
        return rate;
    }

    private static String rss(ClusterProbe probe) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (ClusterProbe.NodeInfo n : probe.nodes()) out.put(n.name(), ClusterProbe.rssMb(n.pid()));
        return out.toString();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
