package dev.docent.indexer.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.TestPaths;
import dev.docent.indexer.extract.ExtractedText;
import dev.docent.indexer.extract.TextExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps sample-corpus/ honest: the committed binary documents must be what the generator makes
 * from sample-corpus/src/ (compared by extracted text, since zip and PDF bytes carry timestamps).
 * Regenerate them with {@code ./mvnw -pl indexer test -Dtest=SampleCorpusTest -Ddocent.regenerateSampleCorpus=true}.
 */
class SampleCorpusTest {

    private final TextExtractor extractor = new TextExtractor();

    @Test
    void committedDocumentsMatchTheirSources(@TempDir Path tmp) throws Exception {
        Path corpus = TestPaths.repoRoot().resolve("sample-corpus");
        Path out = Boolean.getBoolean("docent.regenerateSampleCorpus") ? corpus : tmp;
        List<String> names = SampleCorpusGenerator.generate(corpus.resolve("src"), out);
        assertTrue(names.size() >= 15, "expected the generated documents, got " + names);
        for (String name : names) {
            Path committed = corpus.resolve(name);
            assertTrue(Files.exists(committed), committed + " is missing: regenerate the sample corpus");
            assertEquals(ExtractedText.render(extractor.extract(out.resolve(name))), ExtractedText.render(extractor.extract(committed)),
                    name + " differs from its source: regenerate the sample corpus");
        }
    }
}
