package dev.docent.indexer;

import dev.docent.testkit.Required;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.retriever.Hit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes the 79 real-world odd and broken files of ../shared/corpus-messy: nothing may crash the
 * walk, every file must end indexed or failed with a reason, files that cannot hold text must fail
 * for the right reason, and what was indexed must be findable.
 */
// Longer than the build's 1-minute default: 79 real broken files with OCR and per-file limits: about 2 minutes here.
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MessyCorpusTest {

    /**
     * Image-only PDFs and words on their pages: with tesseract installed they are OCRed and must be
     * found by those words; without it they must fail as needing OCR.
     */
    private static final Map<String, String> SCANNED = Map.of(
            "pdf-scanned-image-only.pdf", "happy new year",
            "pdf-scanned-table-image-only.pdf", "integrative health miamisburg");

    /** Files that cannot yield text without a password or repair. */
    private static final Map<String, String> MUST_FAIL = Map.ofEntries(
            Map.entry("pdf-corrupt-empty-0bytes.pdf", "empty"),
            Map.entry("pdf-encrypted-user-password-test.pdf", "encrypted"),
            Map.entry("docx-encrypted-password-tika.docx", "encrypted"),
            Map.entry("pptx-encrypted-password-tika.pptx", "encrypted"),
            Map.entry("xlsx-encrypted-password-tika.xlsx", "encrypted"),
            Map.entry("odt-encrypted.odt", "encrypted"),
            Map.entry("docx-corrupt-truncated.docx", "corrupt"),
            Map.entry("odt-corrupt-not-a-zip.odt", "corrupt"));

    /** Files any good extractor reads; each must be indexed and findable. */
    private static final List<String> MUST_INDEX = List.of(
            "pdf-various-2pages.pdf", "pdf-journal-article-10pages.pdf", "pdf-federal-register-15pages-3col.pdf",
            "pdf-encrypted-owner-only-41pages.pdf", "pdf-bad-page-19pages.pdf", "pdf-scanned-book-with-ocr-layer-6pages.pdf",
            "docx-various.docx", "docx-numbered-list.docx", "pptx-various.pptx", "xlsx-formats.xlsx",
            "odt-openoffice3.odt", "epub-simple.epub", "html-utf16le-charset.html", "md-tika-sample.md",
            "rtf-various.rtf", "eml-thunderbird.eml", "msg-outlook-basic.msg", "txt-utf8-with-bom.txt",
            "txt-multi-language-cp1252.txt", "txt-koi8r-russian.txt");

    @Test
    void everyFileEndsIndexedOrFailedWithAReason(@TempDir Path data) throws IOException {
        Path shared = TestPaths.shared();
        Required.tool(shared != null, "../shared beside the repository (corpus-messy)");
        Path corpus = shared.resolve("corpus-messy");
        long files;
        try (var s = Files.list(corpus)) {
            files = s.filter(p -> !p.getFileName().toString().equals("MANIFEST.tsv")).count();
        }
        try (Embedder embedder = Embedders.defaultModel(Runtime.getRuntime().availableProcessors());
                Indexer indexer = Indexer.open(data, embedder)) {
            SyncReport report = indexer.sync(List.of(corpus), SyncProgress.NONE);
            System.out.printf("corpus-messy: %d files, %d indexed, %d failed, %d chunks in %.1f s%n",
                    report.seen(), report.indexed(), report.failed(), report.chunks(), report.took().toMillis() / 1000.0);

            Map<String, DocumentRecord> byName = indexer.documents().stream()
                    .collect(Collectors.toMap(r -> Path.of(r.path()).getFileName().toString(), Function.identity()));
            byName.values().stream().filter(r -> r.status() == DocumentStatus.FAILED)
                    .forEach(r -> System.out.println("  failed " + Path.of(r.path()).getFileName() + ": " + r.error()));
            // MANIFEST.tsv is a document too (a text file); it is indexed like any other.
            assertEquals(files + 1, byName.size());
            for (DocumentRecord r : byName.values()) {
                assertTrue(r.status() == DocumentStatus.INDEXED || r.status() == DocumentStatus.FAILED, r.toString());
                if (r.status() == DocumentStatus.FAILED) {
                    assertNotNull(r.error());
                    assertFalse(r.error().isBlank(), r.toString());
                } else {
                    assertTrue(r.chunks() > 0, r.toString());
                }
            }
            MUST_FAIL.forEach((name, reason) -> {
                DocumentRecord r = byName.get(name);
                assertEquals(DocumentStatus.FAILED, r.status(), name);
                assertTrue(r.error().contains(reason), name + " failed for '" + r.error() + "', expected '" + reason + "'");
            });
            boolean ocr = dev.docent.indexer.extract.PageOcr.tesseractOnPath();
            if (!ocr) System.out.println("tesseract is not installed: the scanned PDFs must fail as needing OCR");
            SCANNED.forEach((name, words) -> {
                DocumentRecord r = byName.get(name);
                if (!ocr) {
                    assertEquals(DocumentStatus.FAILED, r.status(), name);
                    assertTrue(r.error().startsWith("needs OCR"), name + ": " + r.error());
                    return;
                }
                assertEquals(DocumentStatus.INDEXED, r.status(), name + ": " + r.error());
                assertEquals("text of 1 page from OCR", r.note(), name);
                assertTrue(indexer.search(words, null, 5).stream()
                        .anyMatch(h -> h.path().equals(r.path())), name + " not found by '" + words + "'");
            });
            List<String> notFound = new ArrayList<>();
            for (String name : MUST_INDEX) {
                DocumentRecord r = byName.get(name);
                assertEquals(DocumentStatus.INDEXED, r.status(), name + ": " + r.error());
                if (!findable(indexer, r.path())) notFound.add(name);
            }
            assertTrue(notFound.isEmpty(), "indexed but not findable by their own text: " + notFound);
        }
    }

    /** A document is findable if a query made of words from its longest chunk returns it. */
    private static boolean findable(Indexer indexer, String path) {
        String sample = indexer.withIndex(idx -> idx.chunksOf(path)).stream().map(Hit::text)
                .max(java.util.Comparator.comparingInt(String::length)).orElse(null);
        if (sample == null) {
            return false;
        }
        String[] words = sample.split("\\s+");
        String query = String.join(" ", List.of(words).subList(0, Math.min(20, words.length)));
        return indexer.search(query, null, 10).stream()
                .anyMatch(h -> h.path().equals(path));
    }
}
