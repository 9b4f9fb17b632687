package dev.docent.bench;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.EmbeddingInput;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.SyncReport;
import dev.docent.retriever.IndexedChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ingestion benchmark (docs/benchmarks.md). On a generated corpus: Docent's whole pipeline (walk,
 * hash, extract, chunk, embed, index, catalog) against the embedder alone on the same chunks in
 * the same run; then a re-sync after renaming every file and one after editing 1% of them; then
 * langchain4j's loader + splitter + the same model on the same files.
 *
 * <p>Usage: IngestBench [--docs N] [--threads T] [--work DIR] [--no-peer]. Prints a table.
 */
public final class IngestBench {

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        int docs = 2000;
        int threads = Runtime.getRuntime().availableProcessors();
        Path work = null;
        boolean peer = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--no-peer" -> peer = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: IngestBench [--docs N] [--threads T] [--work DIR] [--no-peer]");
            }
        }
        if (work == null) work = Files.createTempDirectory("docent-ingest-bench");
        Path corpusDir = Files.createDirectories(work.resolve("corpus"));
        Path data = work.resolve("data");
        System.out.printf("load average at start: %s; %d cores, embedder threads %d%n", loadAverage(),
                Runtime.getRuntime().availableProcessors(), threads);

        var corpus = new Corpus(42);
        List<Corpus.Spec> specs = corpus.specs(docs);
        long g0 = System.nanoTime();
        for (Corpus.Spec s : specs) corpus.write(s, corpusDir.resolve(s.fileName()), -1);
        System.out.printf("corpus: %d documents (%s) written in %.1f s, %.1f MB%n", docs, String.join("/", Corpus.FORMATS),
                (System.nanoTime() - g0) / 1e9, size(corpusDir) / 1e6);

        List<String[]> rows = new ArrayList<>();
        try (Embedder embedder = Embedders.defaultModel(threads)) {
            embedder.embedPassage("warm up"); // waits for the model: loading is not ingestion
            try (Indexer indexer = Indexer.open(data, embedder)) {
                // Reading alone first (extract and chunk, no hashing, no index): it also gives the exact
                // embedder inputs of the pipeline, so the embedder alone runs BEFORE the pipeline and
                // any warm-up favours the pipeline, not the baseline.
                var extractor = new dev.docent.indexer.extract.TextExtractor();
                var chunker = new dev.docent.indexer.chunk.Chunker(embedder::countTokens, dev.docent.indexer.chunk.Chunker.DEFAULT_MAX_TOKENS);
                List<String> inputs = new ArrayList<>();
                long e0 = System.nanoTime();
                for (Corpus.Spec s : specs) {
                    var doc = extractor.extract(corpusDir.resolve(s.fileName()));
                    for (var c : chunker.chunk(doc)) inputs.add(EmbeddingInput.of(doc.title(), c.heading(), c.text()));
                }
                rows.add(row("extract + chunk alone", specs.size(), inputs.size(), (System.nanoTime() - e0) / 1e9, 0,
                        "no hashing, no embedding, no index"));

                long r0 = System.nanoTime();
                for (String in : inputs) embedder.embedPassage(in);
                double rawSeconds = (System.nanoTime() - r0) / 1e9;
                rows.add(row("embedder alone, same chunks", 0, inputs.size(), rawSeconds, inputs.size(), "run first"));

                SyncReport full = indexer.sync(List.of(corpusDir), SyncProgress.NONE);
                double fullSeconds = seconds(full);
                rows.add(row("Docent: full ingest", full.seen(), full.chunks(), fullSeconds, full.embedded(),
                        String.format("%.0f%% of the embedder alone's chunks/s", 100 * (full.chunks() / fullSeconds)
                                / (inputs.size() / rawSeconds))));

                int edited = 0;
                List<Set<String>> beforeTexts = new ArrayList<>();
                int chunksOfEdited = 0;
                for (int i = 0; i < specs.size(); i += 100) {
                    Corpus.Spec s = specs.get(i);
                    Path file = corpusDir.resolve(s.fileName());
                    Set<String> before = texts(indexer.withIndex(idx -> idx.storedChunksOf(file.toString())));
                    corpus.write(s, file, s.sections() / 2);
                    edited++;
                    chunksOfEdited += before.size();
                    beforeTexts.add(before);
                }
                SyncReport edit = indexer.sync(List.of(corpusDir), SyncProgress.NONE);
                int changedChunks = 0; // chunks of the edited files whose text is new
                int k = 0;
                for (int i = 0; i < specs.size(); i += 100, k++) {
                    Path file = corpusDir.resolve(specs.get(i).fileName());
                    Set<String> before = beforeTexts.get(k);
                    for (IndexedChunk c : indexer.withIndex(idx -> idx.storedChunksOf(file.toString()))) {
                        if (!before.contains(c.heading() + "\n" + c.text())) changedChunks++;
                    }
                }
                rows.add(row("re-sync, 1% of files edited", edit.seen(), edit.chunks(), seconds(edit), edit.embedded(),
                        String.format("%d files edited (one paragraph each, %d chunks in them), %d chunks changed;"
                                + " %.1f%% of the full ingest's time", edited, chunksOfEdited, changedChunks,
                                100 * seconds(edit) / fullSeconds)));
                for (Corpus.Spec s : specs) {
                    Files.move(corpusDir.resolve(s.fileName()), corpusDir.resolve("renamed-" + s.fileName()));
                }
                SyncReport renamed = indexer.sync(List.of(corpusDir), SyncProgress.NONE);
                rows.add(row("re-sync, every file renamed", renamed.seen(), renamed.chunks(), seconds(renamed),
                        renamed.embedded(), String.format("%d reused, %d re-read; %.1f%% of the full ingest's time",
                                renamed.reused(), renamed.indexed(), 100 * seconds(renamed) / fullSeconds)));

                if (peer) {
                    int avgChars = (int) inputs.stream().mapToInt(String::length).average().orElse(800);
                    var lc = LangChain4jIngest.run(corpusDir, 1000); // the same documents (renamed, 1% edited)
                    rows.add(row("langchain4j: load+split+embed", lc.files(), lc.segments(), lc.seconds(), lc.segments(),
                            String.format("Docent files/s = %.2fx (segments <= 1000 chars; Docent's chunks avg %d)",
                                    (full.seen() / fullSeconds) / (lc.files() / lc.seconds()), avgChars)));
                }

            }
        }
        System.out.printf("load average at end: %s%n%n", loadAverage());
        System.out.printf("| %-30s | %6s | %7s | %8s | %8s | %8s | %9s | %s%n", "run", "files", "chunks", "seconds", "files/s",
                "chunks/s", "embedded", "notes |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (String[] r : rows) {
            System.out.printf("| %-30s | %6s | %7s | %8s | %8s | %8s | %9s | %s |%n", (Object[]) r);
        }
    }

    private static Set<String> texts(List<IndexedChunk> chunks) {
        Set<String> out = new HashSet<>();
        for (IndexedChunk c : chunks) out.add(c.heading() + "\n" + c.text());
        return out;
    }

    private static String[] row(String name, int files, int chunks, double seconds, int embedded, String notes) {
        System.out.printf("%s: %d files, %d chunks, %.1f s, %d embedded; %s (load %s)%n", name, files, chunks, seconds,
                embedded, notes, loadAverage());
        return new String[] {name, files == 0 ? "" : Integer.toString(files), Integer.toString(chunks),
            String.format("%.1f", seconds), files == 0 ? "" : String.format("%.1f", files / seconds),
            String.format("%.1f", chunks / seconds), Integer.toString(embedded), notes};
    }

    private static double seconds(SyncReport r) {
        return r.took().toNanos() / 1e9;
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
}
