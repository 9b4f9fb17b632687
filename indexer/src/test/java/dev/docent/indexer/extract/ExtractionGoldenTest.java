package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.docent.indexer.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What extraction makes of every sample document, compared with golden files beside the tests:
 * pages, headings and blocks. A Tika upgrade or a handler change that moves text between pages
 * shows up here as a readable diff. Regenerate with {@code -Ddocent.regenerateGolden=true}.
 */
class ExtractionGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/extract");

    @Test
    void everySampleDocumentExtractsAsTheGoldenFileSays() throws Exception {
        Path corpus = TestPaths.repoRoot().resolve("sample-corpus");
        List<Path> docs;
        try (Stream<Path> s = Files.list(corpus)) {
            docs = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().equals("questions.tsv"))
                    .filter(p -> !p.getFileName().toString().equals("dialogues.tsv"))
                    .filter(p -> !p.getFileName().toString().equals("collection-questions.tsv"))
                    .filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList();
        }
        assertFalse(docs.isEmpty());
        TextExtractor extractor = new TextExtractor();
        boolean regenerate = Boolean.getBoolean("docent.regenerateGolden");
        for (Path doc : docs) {
            String actual = ExtractedText.render(extractor.extract(doc));
            Path golden = GOLDEN.resolve(doc.getFileName() + ".txt");
            if (regenerate) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, actual);
            }
            assertEquals(read(golden), actual, "extraction of " + doc.getFileName() + " changed");
        }
    }

    private static String read(Path p) throws IOException {
        if (!Files.exists(p)) throw new AssertionError(p + " missing: run with -Ddocent.regenerateGolden=true");
        return Files.readString(p);
    }
}
