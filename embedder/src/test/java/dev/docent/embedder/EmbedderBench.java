package dev.docent.embedder;

import dev.docent.embedder.factory.Embedders;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passages per second for several batch sizes, measured in interleaved rounds so machine noise
 * hits every variant alike; reports each as a ratio to batch size 1. Not a test: run with
 * {@code ./mvnw -q -pl embedder test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.docent.embedder.EmbedderBench -Dexec.args="CORPUS.jsonl PASSAGES THREADS ROUNDS"}.
 */
public final class EmbedderBench {

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../../shared/eval/scifact/corpus.jsonl");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        List<String> passages = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = Files.newBufferedReader(corpus)) {
            for (String line; (line = r.readLine()) != null && passages.size() < count; ) {
                var n = json.readTree(line);
                passages.add(n.get("title").asText() + "\n" + n.get("text").asText());
            }
        }
        int[] sizes = {1, 2, 4, 8};
        Map<Integer, Embedder> embedders = new LinkedHashMap<>();
        for (int b : sizes) embedders.put(b, Embedders.byName(Embedders.DEFAULT_MODEL, threads, b));
        Map<Integer, Double> seconds = new LinkedHashMap<>();
        embedders.values().forEach(e -> e.embedPassages(passages.subList(0, 8))); // warm-up
        for (int round = 0; round < rounds; round++) {
            for (var e : embedders.entrySet()) {
                long t0 = System.nanoTime();
                e.getValue().embedPassages(passages);
                seconds.merge(e.getKey(), (System.nanoTime() - t0) / 1e9, Double::sum);
            }
        }
        double base = count * rounds / seconds.get(1);
        System.out.printf("%d passages (%s), %d threads, %d interleaved rounds%n", count, corpus.getFileName(), threads, rounds);
        for (int b : sizes) {
            double rate = count * rounds / seconds.get(b);
            System.out.printf("batch %d: %.2f passages/s  (%.2fx batch 1)%n", b, rate, rate / base);
        }
        embedders.values().forEach(Embedder::close);
    }
}
