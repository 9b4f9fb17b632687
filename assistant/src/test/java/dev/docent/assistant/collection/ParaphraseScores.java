package dev.docent.assistant.collection;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.SyncProgress;
import dev.docent.retriever.DocumentMatch;
import dev.docent.retriever.DocumentMatchQuery;
import dev.docent.retriever.Hit;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Development tool, not a test: for each paraphrase question of a TSV (question, kind, expected
 * files), the subject {@link CollectionIntent} reads and every indexed document's chunk cosines to
 * it and whether one chunk holds all its terms, written as TSV (question, subject, path, expected,
 * text, chunk cosines best first, best BM25) so membership rules can be compared offline. Indexes CORPUS into
 * DATA with the real embedding model unless DATA holds an index. Run as CollectionBench says, with
 * {@code dev.docent.assistant.collection.ParaphraseScores CORPUS DATA QUESTIONS.tsv OUT.tsv}.
 */
public final class ParaphraseScores {

    private ParaphraseScores() {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]).toAbsolutePath();
        Path data = Path.of(args[1]).toAbsolutePath();
        List<String> lines = Files.readAllLines(Path.of(args[2]));
        CollectionIntent intent = new CollectionIntent(new TimeExpressions(Clock.systemUTC(), ZoneOffset.UTC));
        try (Embedder embedder = Embedders.defaultModel(2); Indexer indexer = Indexer.open(data, embedder, IndexingLimits.defaults());
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3])))) {
            if (!Files.exists(data.resolve("indexed-" + corpus.getFileName()))) {
                indexer.sync(List.of(corpus), new SyncProgress() {});
                Files.writeString(data.resolve("indexed-" + corpus.getFileName()), "done\n");
            }
            for (String line : lines) {
                if (line.startsWith("#") || line.isBlank() || line.startsWith("question\t")) continue;
                String[] f = line.split("\t", -1);
                if (!f[1].equals("paraphrase")) continue;
                var cq = intent.classify(f[0]);
                if (cq.isEmpty()) {
                    System.out.println("NOT A COLLECTION QUESTION: " + f[0]);
                    continue;
                }
                String subject = cq.get().subject();
                List<String> expected = List.of(f[2].split(","));
                DocumentMatchQuery q = new DocumentMatchQuery(subject, embedder.embedQuery(subject), -1, null, 10_000);
                List<DocumentMatch> all = indexer.withIndex(index -> index.searcher().matchDocuments(q));
                for (DocumentMatch m : all) {
                    String rel = corpus.relativize(Path.of(m.path())).toString();
                    StringBuilder cos = new StringBuilder();
                    m.passages().stream().mapToDouble(Hit::cosine).boxed().sorted((a, b) -> Double.compare(b, a))
                            .forEach(c -> cos.append(String.format(Locale.ROOT, "%.4f,", c)));
                    double bm25 = m.passages().stream().mapToDouble(Hit::bm25).filter(b -> !Double.isNaN(b)).max().orElse(0);
                    out.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%s\t%.4f%n", f[0], subject, rel, expected.contains(rel) ? 1 : 0,
                            m.textMatch() ? 1 : 0, cos, bm25);
                }
            }
        }
    }
}
