package dev.docent.bench;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.EmbeddingInput;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.SyncReport;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.TextExtractor;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ingestion benchmark (docs/benchmarks.md), as interleaved rounds in one run. On a generated
 * corpus, each round runs, in an order that rotates from round to round: (A) Docent's whole
 * pipeline (walk, hash, extract, chunk, embed, Lucene, catalog) into a fresh data directory, (B)
 * the embedder alone on the exact chunk inputs A embeds, and (C, unless {@code --no-peer})
 * langchain4j's loader + recursive splitter + the same quantized bge-small on the same folder.
 * Machine noise then hits all three alike, and the per-round ratios A/B and A/C are reported as
 * a median with their range. Then, once, the re-syncs after edits and renames ({@link ResyncCheck}).
 *
 * <p>Usage: IngestBench [--docs N] [--rounds R] [--threads T] [--work DIR] [--no-peer] [--no-resync].
 */
public final class IngestBench {

    /** One participant's run in one round. */
    record Measure(int docs, int chunks, double seconds) {
        double chunksPerSecond() {
            return chunks / seconds;
        }

        double docsPerSecond() {
            return docs / seconds;
        }
    }

    /** What one round measured; {@code peer} is null with --no-peer. */
    record Round(int number, String order, String loadBefore, String loadAfter, Measure pipeline, Measure embedder,
            Measure peer) {}

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        int docs = 200;
        int rounds = 5;
        int threads = Runtime.getRuntime().availableProcessors();
        Path work = null;
        boolean peer = true;
        boolean resync = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--no-peer" -> peer = false;
                case "--no-resync" -> resync = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: IngestBench [--docs N]"
                        + " [--rounds R] [--threads T] [--work DIR] [--no-peer] [--no-resync]");
            }
        }
        if (work == null) work = Files.createTempDirectory("docent-ingest-bench");
        Path corpusDir = Files.createDirectories(work.resolve("corpus"));
        System.out.printf("load average at start: %s; %d cores, embedder threads %d%n", loadAverage(),
                Runtime.getRuntime().availableProcessors(), threads);

        var corpus = new Corpus(42);
        List<Corpus.Spec> specs = corpus.specs(docs);
        for (Corpus.Spec s : specs) corpus.write(s, corpusDir.resolve(s.fileName()), -1);
        System.out.printf("corpus: %d documents (%s), %.1f MB%n", docs, String.join("/", Corpus.FORMATS), size(corpusDir) / 1e6);

        try (Embedder embedder = Embedders.defaultModel(threads)) {
            embedder.embedPassage("warm up"); // waits for the model: loading is not ingestion
            List<String> inputs = chunkInputs(embedder, specs, corpusDir);
            EmbeddingModel peerModel = peer ? LangChain4jIngest.model() : null;
            List<Round> done = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                done.add(round(r, work, corpusDir, embedder, inputs, peerModel, r == rounds));
            }
            printTable(done);
            if (resync) {
                try (Indexer indexer = Indexer.open(work.resolve("data-" + rounds), embedder)) {
                    ResyncCheck.run(indexer, corpus, specs, corpusDir, done.getLast().pipeline().seconds());
                }
            }
        }
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    /** The exact inputs the pipeline gives the embedder (extract + chunk with its classes, timed once for the record). */
    private static List<String> chunkInputs(Embedder embedder, List<Corpus.Spec> specs, Path corpusDir) throws Exception {
        var extractor = new TextExtractor();
        var chunker = new Chunker(embedder::countTokens, Chunker.DEFAULT_MAX_TOKENS);
        List<String> inputs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Corpus.Spec s : specs) {
            var doc = extractor.extract(corpusDir.resolve(s.fileName()));
            for (var c : chunker.chunk(doc)) inputs.add(EmbeddingInput.of(doc.title(), c.heading(), c.text()));
        }
        System.out.printf("extract + chunk alone (no hashing, embedding or index): %d files, %d chunks, %.1f s%n",
                specs.size(), inputs.size(), (System.nanoTime() - t0) / 1e9);
        return inputs;
    }

    private static Round round(int r, Path work, Path corpusDir, Embedder embedder, List<String> inputs,
            EmbeddingModel peerModel, boolean keepIndex) throws Exception {
        List<Character> order = new ArrayList<>(peerModel == null ? List.of('A', 'B') : List.of('A', 'B', 'C'));
        java.util.Collections.rotate(order, -(r - 1)); // each participant goes first in turn
        String loadBefore = loadAverage();
        Measure a = null;
        Measure b = null;
        Measure c = null;
        for (char who : order) {
            switch (who) {
                case 'A' -> a = pipeline(work.resolve("data-" + r), corpusDir, embedder, keepIndex);
                case 'B' -> b = embedderAlone(embedder, inputs);
                default -> {
                    var lc = LangChain4jIngest.run(corpusDir, 1000, peerModel);
                    c = new Measure(lc.files(), lc.segments(), lc.seconds());
                }
            }
        }
        var round = new Round(r, order.stream().map(String::valueOf).reduce("", String::concat), loadBefore, loadAverage(),
                a, b, c);
        System.out.printf("round %d (order %s, load %s -> %s): A %.2f chunks/s (%d chunks, %.1f s), B %.2f chunks/s, A/B %.3f%s%n",
                r, round.order(), loadBefore, round.loadAfter(), a.chunksPerSecond(), a.chunks(), a.seconds(),
                b.chunksPerSecond(), a.chunksPerSecond() / b.chunksPerSecond(), c == null ? ""
                        : String.format(", C %.2f segments/s (%d segments, %d docs, %.1f s)", c.chunksPerSecond(), c.chunks(),
                                c.docs(), c.seconds()));
        if (a.chunks() != inputs.size()) {
            System.out.printf("WARNING: the pipeline made %d chunks, the inputs are %d%n", a.chunks(), inputs.size());
        }
        return round;
    }

    /** (A) a full ingest into a fresh data directory: no embedding cache, no index. */
    private static Measure pipeline(Path data, Path corpusDir, Embedder embedder, boolean keep) throws IOException {
        SyncReport report;
        long t0;
        long t1;
        try (Indexer indexer = Indexer.open(data, embedder)) {
            t0 = System.nanoTime();
            report = indexer.sync(List.of(corpusDir), SyncProgress.NONE);
            t1 = System.nanoTime();
        }
        if (report.embedded() != report.chunks()) {
            System.out.printf("WARNING: the pipeline embedded %d of %d chunks%n", report.embedded(), report.chunks());
        }
        if (!keep) delete(data);
        return new Measure(report.seen(), report.chunks(), (t1 - t0) / 1e9);
    }

    /** (B) the embedder alone, one passage per call as the pipeline calls it. */
    private static Measure embedderAlone(Embedder embedder, List<String> inputs) {
        long t0 = System.nanoTime();
        for (String in : inputs) embedder.embedPassage(in);
        return new Measure(0, inputs.size(), (System.nanoTime() - t0) / 1e9);
    }

    private static void printTable(List<Round> rounds) {
        boolean peer = rounds.getFirst().peer() != null;
        System.out.println();
        System.out.println("| round | order | load (1 min) before | A: Docent pipeline chunks/s (docs/s) | B: embedder alone chunks/s | A/B"
                + (peer ? " | C: langchain4j segments/s (docs/s) | A/C chunks/s | A/C docs/s |" : " |"));
        System.out.println("|---:|---|---:|---:|---:|---:|" + (peer ? "---:|---:|---:|" : ""));
        List<Double> ab = new ArrayList<>();
        List<Double> acChunks = new ArrayList<>();
        List<Double> acDocs = new ArrayList<>();
        for (Round r : rounds) {
            double ratio = r.pipeline().chunksPerSecond() / r.embedder().chunksPerSecond();
            ab.add(ratio);
            String row = String.format("| %d | %s | %s | %.2f (%.2f) | %.2f | %.3f |", r.number(), r.order(),
                    r.loadBefore().split(" ")[0], r.pipeline().chunksPerSecond(), r.pipeline().docsPerSecond(),
                    r.embedder().chunksPerSecond(), ratio);
            if (peer) {
                acChunks.add(r.pipeline().chunksPerSecond() / r.peer().chunksPerSecond());
                acDocs.add(r.pipeline().docsPerSecond() / r.peer().docsPerSecond());
                row += String.format(" %.2f (%.2f) | %.2f | %.2f |", r.peer().chunksPerSecond(), r.peer().docsPerSecond(),
                        acChunks.getLast(), acDocs.getLast());
            }
            System.out.println(row);
        }
        System.out.println();
        System.out.printf("A/B (pipeline / embedder alone, chunks/s): median %s%n", Spread.of(ab).format(3));
        System.out.printf("A chunks/s: median %s; B chunks/s: median %s%n",
                Spread.of(rounds.stream().map(r -> r.pipeline().chunksPerSecond()).toList()).format(2),
                Spread.of(rounds.stream().map(r -> r.embedder().chunksPerSecond()).toList()).format(2));
        if (peer) {
            System.out.printf("A/C chunks/s: median %s; A/C docs/s: median %s%n", Spread.of(acChunks).format(2),
                    Spread.of(acDocs).format(2));
            System.out.printf("C segments/s: median %s; C docs/s: median %s%n",
                    Spread.of(rounds.stream().map(r -> r.peer().chunksPerSecond()).toList()).format(2),
                    Spread.of(rounds.stream().map(r -> r.peer().docsPerSecond()).toList()).format(2));
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long size(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
