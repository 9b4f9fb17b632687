package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.docent.indexer.TestPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The two image-only PDFs of ../shared/corpus-messy: without OCR they fail as "needs OCR"; with
 * tesseract installed they are read page by page through Tika's Tesseract support, and the
 * document says its text came from OCR. Real tesseract, real files; skipped (with the reason)
 * when tesseract or ../shared is missing.
 */
class ScannedPdfOcrTest {

    private static Path messy(String name) {
        Path shared = TestPaths.shared();
        assumeTrue(shared != null, "../shared is not beside the repository");
        return shared.resolve("corpus-messy").resolve(name);
    }

    private static PageOcr ocrOrSkip() {
        boolean present = PageOcr.tesseractOnPath();
        if (!present) System.out.println("SKIPPED: tesseract is not installed (Debian: tesseract-ocr); OCR is not tested");
        assumeTrue(present, "tesseract is not installed (Debian: tesseract-ocr)");
        PageOcr ocr = PageOcr.fromSetting("auto", Duration.ofSeconds(50));
        assertTrue(ocr != null, "tesseract is on the PATH but Tika cannot run it");
        return ocr;
    }

    @Test
    void withoutOcrAScanFailsAsNeedingOcr() {
        Path file = messy("pdf-scanned-image-only.pdf");
        var e = assertThrows(ExtractionException.class, () -> new TextExtractor(1_000_000, null).extract(file));
        assertTrue(e.getMessage().startsWith("needs OCR"), e.getMessage());
        assertNull(PageOcr.fromSetting("off", Duration.ofSeconds(5)), "indexing.ocr = off gives no OCR");
        assertThrows(IllegalArgumentException.class, () -> PageOcr.fromSetting("sometimes", Duration.ofSeconds(5)));
    }

    @Test
    void imageOnlyPageIsReadByOcr() throws Exception {
        ExtractedDocument doc = new TextExtractor(1_000_000, ocrOrSkip()).extract(messy("pdf-scanned-image-only.pdf"));
        String text = text(doc);
        System.out.println("OCR pdf-scanned-image-only.pdf: " + text);
        assertEquals(1, doc.ocrPages());
        assertEquals("text of 1 page from OCR", doc.ocrNote());
        for (String word : new String[] {"happy", "new", "year", "2003"}) assertTrue(text.contains(word), word + " not in: " + text);
    }

    @Test
    void scannedTableIsReadByOcr() throws Exception {
        ExtractedDocument doc = new TextExtractor(1_000_000, ocrOrSkip()).extract(messy("pdf-scanned-table-image-only.pdf"));
        String text = text(doc);
        System.out.println("OCR pdf-scanned-table-image-only.pdf: " + text);
        assertEquals(1, doc.ocrPages());
        for (String word : new String[] {"integrative", "health", "sports", "performance", "miamisburg"}) assertTrue(text.contains(word), word + " not in: " + text);
    }

    private static String text(ExtractedDocument doc) {
        return String.join(" ", doc.pages().stream().map(Page::text).toList()).toLowerCase(Locale.ROOT);
    }
}
