package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The character budget cuts a long text (and stops reading there); an interrupt stops extraction. */
class ExtractionBudgetTest {

    @Test
    void aLongTextIsCutAtTheBudget(@TempDir Path dir) throws Exception {
        String[] words = {"orchard", "ladder", "cider", "barrel", "harvest", "pruning", "blossom", "frost", "meadow", "quince"};
        var random = new Random(7);
        var text = new StringBuilder();
        while (text.length() < 6_000_000) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(random.nextInt(9) == 0 ? ".\n\n" : " ");
        }
        Path file = Files.writeString(dir.resolve("long.txt"), text);
        ExtractedDocument doc = new TextExtractor(1_500_000).extract(file);
        assertTrue(doc.characterCount() <= 1_500_000 && doc.characterCount() > 1_400_000, "kept " + doc.characterCount());
    }

    @Test
    void theSameTextRepeatedPastTheBudgetIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("filler.txt"), "The same sentence, again and again. ".repeat(100_000));
        var e = assertThrows(ExtractionException.class, () -> new TextExtractor(1_500_000).extract(file));
        assertTrue(e.getMessage().startsWith("zip bomb: more than 1500000 characters of the same text"), e.getMessage());
    }

    @Test
    void anInterruptedExtractionStops() throws Exception {
        Path pdf = TestPaths.repoRoot().resolve("sample-corpus/employee-handbook.pdf");
        var extractor = new TextExtractor();
        Thread.currentThread().interrupt(); // what the time limit and shutdown do to a reading thread
        try {
            var e = assertThrows(ExtractionException.class, () -> extractor.extract(pdf));
            assertEquals("extraction was stopped", e.getMessage());
            assertTrue(e.retryable());
        } finally {
            Thread.interrupted();
        }
    }
}
