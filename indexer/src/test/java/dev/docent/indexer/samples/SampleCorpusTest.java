package dev.docent.indexer.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.TestPaths;
import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.Page;
import dev.docent.indexer.extract.TextExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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
            assertEquals(render(extractor.extract(out.resolve(name))), render(extractor.extract(committed)),
                    name + " differs from its source: regenerate the sample corpus");
        }
    }

    /** Extracted text in a stable, readable form: one section per page, headings marked. */
    static String render(ExtractedDocument doc) {
        StringBuilder sb = new StringBuilder("title: " + doc.title() + "\npaged: " + doc.paged() + "\n");
        for (Page p : doc.pages()) {
            sb.append("--- page ").append(p.number()).append('\n');
            sb.append(p.blocks().stream().map(b -> (b.heading() ? "# " : "") + b.text()).collect(Collectors.joining("\n")));
            sb.append('\n');
        }
        return sb.toString();
    }
}
