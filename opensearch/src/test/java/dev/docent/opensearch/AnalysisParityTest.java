package dev.docent.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.analysis.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index's analyzers are Docent's Lucene chains: for text that exercises every filter of each
 * language (possessives, accents, stop words, stemming, German umlauts and ß, French elisions of any
 * case, CJK bigrams, full-width letters), the cluster's {@code _analyze} gives the very terms at the
 * very positions {@link Language#analyzer()} gives. Same terms, same positions: same BM25 and phrases.
 */
class AnalysisParityTest {

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }

    private static final Map<Language, String> TEXTS = Map.of(
            Language.ENGLISH, "The walrus's tusks aren't CAFÉ-grade; naïve researchers' running tallies of the colonies' sizes, 2025-03-01.",
            Language.GERMAN, "Die Größe der Äpfel und Straßen in München: Häuser, Bäume, Übersetzungen und das Maß der Dinge.",
            Language.FRENCH, "L'été dernier, qu'aujourd'hui J'AI vu l'Hôpital et d'anciennes sécurités: c'était jusqu'à présent.",
            Language.CJK, "東京都の図書館で日本語の本を読みました。ＡＢＣ full-width and 한국어 텍스트 Café");

    @Test
    void everyLanguagesTermsAndPositionsAreLucenes(@TempDir Path dir) {
        OpenSearchIndex index = ClusterIndices.open(dir);
        index.replaceDocument("/a", List.of(new IndexedChunk("/a", "t", 1, "", 0, 0, 1, "x", new float[] {1, 0})));
        for (var e : TEXTS.entrySet()) {
            Language l = e.getKey();
            for (Language chain : List.of(l, Language.ENGLISH)) { // each text through its own chain and English's
                JsonNode answer = index.connection().call("POST", "/" + index.chunkIndexName() + "/_analyze", null,
                        Map.of("analyzer", ChunkMapping.analyzer(chain), "text", e.getValue()));
                List<String> cluster = new ArrayList<>();
                for (JsonNode t : answer.path("tokens")) cluster.add(t.path("position").asInt() + ":" + t.path("token").asText());
                assertEquals(lucene(chain.analyzer(), e.getValue()), cluster, chain + " chain over the " + l + " text");
            }
        }
    }

    private static List<String> lucene(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (analyzer; TokenStream ts = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += inc.getPositionIncrement();
                out.add(position + ":" + term);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
