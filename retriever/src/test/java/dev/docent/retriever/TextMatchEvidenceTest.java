package dev.docent.retriever;

import dev.docent.retriever.lucene.ChunkIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coverage and BM25 share of hits, against values computed by hand from Lucene's BM25 idf. */
class TextMatchEvidenceTest {

    @TempDir
    Path dir;

    private static IndexedChunk chunk(String path, String text) {
        return new IndexedChunk(path, "", 0, "", 0, 0, text.length(), text, ChunkIndexTest.unit(4, 0));
    }

    /** {@code ln(1 + (N - df + 0.5) / (df + 0.5))}. */
    private static double idf(int n, int df) {
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }

    @Test
    void coverageIsTheIdfWeightedShareOfQueryTermsInTheChunk() {
        try (var index = ChunkIndex.open(dir)) {
            index.replaceDocument("/a", List.of(chunk("/a", "zebra giraffe")));
            index.replaceDocument("/b", List.of(chunk("/b", "zebra lion")));
            index.replaceDocument("/c", List.of(chunk("/c", "lion tiger")));
            index.replaceDocument("/d", List.of(chunk("/d", "tiger bear")));
            index.commit();
            // 4 chunks: zebra in 2, giraffe in 1, unicorn in none (the highest idf: nothing has it).
            double zebra = idf(4, 2), giraffe = idf(4, 1), unicorn = idf(4, 0);
            assertEquals(Math.log(2), zebra, 1e-12);
            assertEquals(Math.log(10), unicorn, 1e-12);
            double ceiling = zebra + giraffe + unicorn; // 4.1997
            Map<String, Hit> hits = index.search("zebra giraffe unicorn", null, 5, SearchMode.BM25).stream()
                    .collect(Collectors.toMap(Hit::path, Function.identity()));
            assertEquals(2, hits.size(), "only chunks sharing a term: " + hits.keySet());
            Hit a = hits.get("/a"), b = hits.get("/b");
            assertEquals((zebra + giraffe) / ceiling, a.coverage(), 1e-6); // 0.4517
            assertEquals(zebra / ceiling, b.coverage(), 1e-6); // 0.1650
            assertEquals(a.bm25() / ceiling, a.bm25Share(), 1e-6);
            assertEquals(b.bm25() / ceiling, b.bm25Share(), 1e-6);
            assertTrue(a.bm25Share() > 0 && a.bm25Share() < a.coverage(), "BM25 per term stays under its idf: " + a);
        }
    }

    @Test
    void aChunkWithEveryTermCoversAllAndNoQueryTextMeansNoEvidence() {
        try (var index = ChunkIndex.open(dir)) {
            index.replaceDocument("/a", List.of(chunk("/a", "zebra giraffe")));
            index.replaceDocument("/b", List.of(chunk("/b", "lion")));
            index.commit();
            Hit top = index.search("the giraffe and the zebra", null, 1, SearchMode.BM25).getFirst();
            assertEquals(1.0, top.coverage(), 1e-9, "stop words are not query terms");
            Hit byVector = index.search(null, ChunkIndexTest.unit(4, 0), 1, SearchMode.VECTOR).getFirst();
            assertTrue(Double.isNaN(byVector.coverage()) && Double.isNaN(byVector.bm25Share()), byVector.toString());
        }
    }
}
