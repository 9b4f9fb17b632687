package dev.docent.indexer.extract;

import dev.docent.testkit.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.TestPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two image-only PDFs of ../shared/corpus-messy: without OCR they fail as "needs OCR"; with
 * tesseract installed they are read page by page by tesseract, and the
 * document says its text came from OCR. Real tesseract, real files; skipped (with the reason)
 * when tesseract or ../shared is missing. A page typeset here checks where OCR puts each word.
 */
class ScannedPdfOcrTest {

    private static Path messy(String name) {
        Path shared = TestPaths.shared();
        Required.tool(shared != null, "../shared beside the repository (corpus-messy)");
        return shared.resolve("corpus-messy").resolve(name);
    }

    private static PageOcr ocrOrSkip() {
        Required.tool(PageOcr.tesseractOnPath(), "tesseract (Debian: tesseract-ocr)");
        PageOcr ocr = PageOcr.fromSetting("auto", "eng", Duration.ofSeconds(50));
        assertTrue(ocr != null, "tesseract is on the PATH but Tika cannot run it");
        return ocr;
    }

    @Test
    void withoutOcrAScanFailsAsNeedingOcr() {
        Path file = messy("pdf-scanned-image-only.pdf");
        var e = assertThrows(ExtractionException.class, () -> new TextExtractor(1_000_000, null).extract(file));
        assertTrue(e.getMessage().startsWith("needs OCR"), e.getMessage());
        assertNull(PageOcr.fromSetting("off", "eng", Duration.ofSeconds(5)), "indexing.ocr = off gives no OCR");
        assertThrows(IllegalArgumentException.class, () -> PageOcr.fromSetting("sometimes", "eng", Duration.ofSeconds(5)));
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

    /**
     * A page typeset with PDFBox, rendered to a picture and saved as an image-only PDF: OCR must
     * find the words, and each word's box must be where the text was drawn (within 1 % of the
     * page), so a citation on a scanned page is highlighted in the right place.
     */
    @Test
    void ocrWordsKeepTheirBoxesOnThePage(@TempDir Path tmp) throws Exception {
        PageOcr ocr = ocrOrSkip();
        var font = ScannedPdfs.FONT;
        float size = ScannedPdfs.SIZE;
        float x = ScannedPdfs.X;
        float baseline = ScannedPdfs.BASELINE;
        Path scan = tmp.resolve("scan.pdf");
        ScannedPdfs.write(scan, List.of("The quarterly invoice was paid"));
        var pulse = new ExtractionHeartbeat.Pulse();
        ExtractedDocument doc = ExtractionHeartbeat.around(pulse, () -> new TextExtractor(1_000_000, ocr).extract(scan));
        assertEquals(1, doc.ocrPages());
        assertEquals("OCR of page 1 of 1", pulse.doing(), "OCR'd pages count as progress for the per-file time limit");
        Block block = doc.pages().getFirst().blocks().stream().filter(b -> b.text().contains("invoice")).findFirst()
                .orElseThrow(() -> new AssertionError("OCR did not read 'invoice': " + text(doc)));
        assertNotNull(block.boxes(), "OCR'd words have no boxes");
        int at = block.text().indexOf("invoice");
        List<float[]> boxes = new ArrayList<>();
        block.boxes().overlapping(at, at + "invoice".length(), boxes);
        assertEquals(1, boxes.size(), "one box for the word");
        float[] box = boxes.getFirst();
        float w = PDRectangle.A4.getWidth();
        float h = PDRectangle.A4.getHeight();
        float left = (x + font.getStringWidth("The quarterly ") / 1000 * size) / w;
        float right = left + font.getStringWidth("invoice") / 1000 * size / w;
        float bottom = (h - baseline) / h; // "invoice" has no descender: its ink ends on the baseline
        float top = (h - baseline - font.getFontDescriptor().getAscent() / 1000 * size) / h;
        String where = java.util.Arrays.toString(box) + " expected about [" + left + ", " + top + ", " + right + ", " + bottom + "]";
        System.out.println("OCR box of 'invoice': " + where);
        assertEquals(left, box[0], 0.01, where);
        assertEquals(right, box[2], 0.01, where);
        assertEquals(bottom, box[3], 0.01, where);
        assertTrue(box[1] >= top - 0.01 && box[1] < box[3], where);
    }

    @Test
    void aLanguageTesseractDoesNotHaveStopsTheStartWithWhatToInstall() {
        ocrOrSkip();
        var missing = assertThrows(IllegalArgumentException.class,
                () -> PageOcr.fromSetting("auto", "eng+zzz_qq", Duration.ofSeconds(30)));
        assertTrue(missing.getMessage().contains("zzz_qq") && missing.getMessage().contains("tesseract-ocr-zzz-qq")
                && missing.getMessage().contains("eng"), missing.getMessage());
        var malformed = assertThrows(IllegalArgumentException.class,
                () -> PageOcr.fromSetting("auto", "eng --tessdata-dir /tmp", Duration.ofSeconds(30)));
        assertTrue(malformed.getMessage().contains("indexing.ocr_languages"), malformed.getMessage());
    }

    private static String text(ExtractedDocument doc) {
        return String.join(" ", doc.pages().stream().map(Page::text).toList()).toLowerCase(Locale.ROOT);
    }
}
