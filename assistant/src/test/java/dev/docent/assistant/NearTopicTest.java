package dev.docent.assistant;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.retriever.Hit;
import dev.docent.retriever.Relevance;
import dev.docent.retriever.fusion.HybridSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's collection: a canteen menu and a travel policy, nothing else. A brownie recipe and a
 * passport renewal are on the neighbouring subjects (food, trips abroad) and answered by neither;
 * the questions the two documents do answer stay found. Real indexer and embedder.
 */
class NearTopicTest {

    private static final List<String> ANSWERED = List.of(
            "What is served in the cafeteria on Wednesday?",
            "What is the hotel cost cap per night on business trips?",
            "For flights longer than how many hours can business class be booked?",
            "How far in advance must travel be booked through the Wayfarer Desk?");

    @TempDir
    Path tmp;

    @Test
    void aNeighbouringSubjectIsNotFoundWhileTheDocumentsOwnQuestionsAre() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("docs"));
        for (String name : List.of("cafeteria-menu.txt", "travel-policy.docx")) {
            Files.copy(SampleCorpusRetrievalTest.repoRoot().resolve("sample-corpus").resolve(name), folder.resolve(name));
        }
        try (Embedder embedder = Embedders.defaultModel(2); Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            indexer.sync(List.of(folder), SyncProgress.NONE);
            var search = HybridSearch.defaults(indexer.withIndex(index -> index.searcher()) /* no generation switch here */);
            double threshold = Relevance.DEFAULT_FOUND_THRESHOLD;
            StringBuilder report = new StringBuilder();
            double lowestAnswered = 1, highestNear = 0;
            for (String q : ANSWERED) {
                List<Hit> hits = search.search(q, embedder.embedQuery(q), 5);
                double c = Relevance.confidence(hits, q);
                report.append(String.format("%n  %.4f (cosine alone %.4f) %s", c, Relevance.confidence(hits), q));
                lowestAnswered = Math.min(lowestAnswered, c);
            }
            for (String q : SampleCorpusRetrievalTest.NEAR_TOPIC) {
                List<Hit> hits = search.search(q, embedder.embedQuery(q), 5);
                double c = Relevance.confidence(hits, q);
                report.append(String.format("%n  %.4f (cosine alone %.4f) %s [near topic]", c, Relevance.confidence(hits), q));
                highestNear = Math.max(highestNear, c);
            }
            System.out.println("canteen menu and travel policy, confidence per question (threshold " + threshold + "):" + report);
            assertTrue(lowestAnswered >= threshold, "a question the documents answer is not found:" + report);
            assertTrue(highestNear < threshold, "a near-topic question is found:" + report);
        }
    }
}
