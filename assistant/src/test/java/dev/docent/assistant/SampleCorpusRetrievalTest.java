package dev.docent.assistant;





import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.retriever.Hit;
import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.Relevance;
import dev.docent.retriever.fusion.SingleRetriever;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small fixed retrieval set with floors, so a ranking regression fails the build: the
 * sample-corpus questions (expected file and page) against the sample corpus, indexed by the real
 * indexer and embedder, scored per mode by MRR@10 of the first chunk from the right file and page.
 * The floors sit a little under what was measured when they were set (printed on every run).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class SampleCorpusRetrievalTest {

    /**
     * Measured 2026-12-01: bm25 0.992, vector 0.941, hybrid 0.985 (MRR@10, file and page) on 66
     * questions; with the German, French and Chinese documents and their 9 questions (75 in all):
     * bm25 0.993, vector 0.948, hybrid 0.987.
     */
    private static final double HYBRID_FLOOR = 0.95;
    /** The default may trail the better single mode by this much at most on 75 questions (noise). */
    private static final double BELOW_BEST_SINGLE = 0.02;

    @TempDir
    static Path tmp;
    private Embedder embedder;
    private Indexer indexer;

    public record Question(String text, String file, Integer page) {}

    @BeforeAll
    void index() throws Exception {
        embedder = Embedders.defaultModel(2);
        indexer = Indexer.open(tmp.resolve("data"), embedder);
        indexer.sync(List.of(repoRoot().resolve("sample-corpus")), SyncProgress.NONE);
    }

    @AfterAll
    void close() {
        indexer.close();
        embedder.close();
    }

    @Test
    void theDefaultSearchFindsTheRightPassageAboveTheFloorAndNoWorseThanEitherRetriever() throws Exception {
        List<Question> questions = questions();
        assertTrue(questions.size() >= 40, "questions.tsv has " + questions.size());
        var searcher = indexer.withIndex(index -> index.searcher()) /* no generation switch in this test */;
        Map<String, HybridSearch> modes = new LinkedHashMap<>();
        modes.put("bm25", new HybridSearch(searcher, SingleRetriever.BM25, HybridSearch.DEFAULT_DEPTH));
        modes.put("vector", new HybridSearch(searcher, SingleRetriever.VECTOR, HybridSearch.DEFAULT_DEPTH));
        modes.put("hybrid", HybridSearch.defaults(searcher));
        Map<String, Double> mrr = new LinkedHashMap<>();
        List<float[]> vectors = new ArrayList<>();
        for (Question q : questions) vectors.add(embedder.embedQuery(q.text()));
        for (var mode : modes.entrySet()) {
            double sum = 0;
            for (int i = 0; i < questions.size(); i++) {
                Question q = questions.get(i);
                List<Hit> hits = mode.getValue().search(q.text(), vectors.get(i), 10);
                for (int r = 0; r < hits.size(); r++) {
                    Hit h = hits.get(r);
                    if (Path.of(h.path()).getFileName().toString().equals(q.file()) && (q.page() == null || q.page() == h.page())) {
                        sum += 1.0 / (r + 1);
                        break;
                    }
                }
            }
            mrr.put(mode.getKey(), sum / questions.size());
        }
        System.out.printf("sample-corpus retrieval, MRR@10 of the right file and page over %d questions: %s%n",
                questions.size(), mrr);
        double hybrid = mrr.get("hybrid");
        assertTrue(hybrid >= HYBRID_FLOOR, "hybrid MRR@10 " + hybrid + " fell below the floor " + HYBRID_FLOOR);
        double bestSingle = Math.max(mrr.get("bm25"), mrr.get("vector"));
        assertTrue(hybrid >= bestSingle - BELOW_BEST_SINGLE, "hybrid " + hybrid + " trails a single retriever " + mrr);
    }

    /** Questions the sample corpus (a robotics company's documents) has nothing on. */
    public static final List<String> OFF_TOPIC = List.of(
            "Who won the 2018 World Cup?",
            "What is the boiling point of ethanol?",
            "Who wrote Pride and Prejudice?",
            "How do I bake sourdough bread?",
            "What is the capital of Mongolia?",
            "Which planet has the most moons?");

    /**
     * Questions on a subject next to one the corpus covers (issue 20): the canteen menu is about
     * food, the travel policy about trips abroad, and neither answers these. Over this corpus the
     * cosine alone gave the passport question 0.0112 (found: this test failed) and the brownie
     * recipe 0.0042; with the text evidence of {@link Relevance#confidence(List, String)} (no
     * passage holds "passport") 0.0089 and 0.0016.
     */
    public static final List<String> NEAR_TOPIC = List.of(
            "Give me a recipe for chocolate brownies",
            "How do I renew a passport?");

    @Test
    void foundOnEverySampleQuestionAndNotOnOffTopicOnes() throws Exception {
        var search = HybridSearch.defaults(indexer.withIndex(index -> index.searcher()) /* no generation switch in this test */);
        double threshold = Relevance.DEFAULT_FOUND_THRESHOLD;
        List<String> missed = new ArrayList<>();
        double lowest = 1;
        for (Question q : questions()) {
            double c = Relevance.confidence(search.search(q.text(), embedder.embedQuery(q.text()), 5), q.text());
            lowest = Math.min(lowest, c);
            if (c < threshold) missed.add(q.text() + " (" + c + ")");
        }
        double highestOff = 0;
        List<String> wronglyFound = new ArrayList<>();
        List<String> notHere = new ArrayList<>(OFF_TOPIC);
        notHere.addAll(NEAR_TOPIC);
        for (String q : notHere) {
            double c = Relevance.confidence(search.search(q, embedder.embedQuery(q), 5), q);
            highestOff = Math.max(highestOff, c);
            if (c >= threshold) wronglyFound.add(q + " (" + c + ")");
        }
        System.out.printf("found: lowest confidence of a sample question %.4f, highest of an off- or near-topic one %.4f, threshold %.4f%n",
                lowest, highestOff, threshold);
        assertTrue(missed.isEmpty(), "answerable questions reported as not found: " + missed);
        assertTrue(wronglyFound.isEmpty(), "off- or near-topic questions reported as found: " + wronglyFound);
    }

    public static List<Question> questions() throws Exception {
        List<Question> out = new ArrayList<>();
        for (String line : Files.readAllLines(repoRoot().resolve("sample-corpus/questions.tsv"))) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("question") || f.length < 3) continue;
            out.add(new Question(f[0], f[1], f[2].isBlank() ? null : Integer.parseInt(f[2])));
        }
        return out;
    }

    static Path repoRoot() {
        String root = System.getProperty("docent.repo.root");
        return (root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath().normalize();
    }
}
