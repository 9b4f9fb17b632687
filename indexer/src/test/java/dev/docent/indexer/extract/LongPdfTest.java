package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long PDFs are read in one walk of the page tree, with a sign of progress per page (so the
 * per-file limit never stops a file that is getting on, see {@link ExtractionHeartbeat}), and up to
 * a page limit. Structural, not timed: the figures are in docs/benchmarks.md ("Long PDFs").
 */
class LongPdfTest {

    @Test
    void blankPagesAreWalkedWithProgressAndRefusedWithoutASecondParser(@TempDir Path tmp) throws Exception {
        int pages = PdfPageExtractor.MAX_PAGES; // 10,000: each of them is read
        Path blank = tmp.resolve("blank.pdf");
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < pages; i++) doc.addPage(new PDPage()); // no content, no images
            doc.save(blank.toFile());
        }
        var pulse = new ExtractionHeartbeat.Pulse();
        var e = assertThrows(ExtractionException.class,
                () -> ExtractionHeartbeat.around(pulse, () -> new TextExtractor().extract(blank)));
        System.out.printf("%d blank pages: '%s' after %d beats%n", pages, e.getMessage(), pulse.beats());
        assertTrue(e.getMessage().startsWith("no extractable text"), e.getMessage());
        // The pass looking for scanned pages beat at every page: the watchdog saw it getting on
        // (it once ran getPage(i) for each, quadratic, with no beat, then handed the file to Tika).
        assertTrue(pulse.beats() >= pages, "beats: " + pulse.beats());
        assertTrue(pulse.doing().contains("page " + pages + " of " + pages), pulse.doing());
    }

    @Test
    void everyPageOfALongPdfIsReadWithABeatEach(@TempDir Path tmp) throws Exception {
        int pages = 5_000;
        Path file = tmp.resolve("register.pdf");
        PdfBench.write(file, pages);
        var pulse = new ExtractionHeartbeat.Pulse();
        ExtractedDocument doc = ExtractionHeartbeat.around(pulse, () -> new TextExtractor().extract(file));
        assertEquals(pages, doc.pages().size());
        for (Page p : doc.pages()) assertTrue(p.text().contains("entry " + p.number() + " records"), "page " + p.number() + ": " + p.text());
        assertTrue(pulse.beats() >= pages, "beats: " + pulse.beats());
    }

    @Test
    void pagesBeyondTheLimitAreNotRead(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("register.pdf");
        PdfBench.write(file, 300);
        var pdf = PdfPageExtractor.extract(file, TextExtractor.DEFAULT_MAX_CHARACTERS, null, 120);
        assertEquals(120, pdf.pages().size());
        assertTrue(pdf.pages().get(119).text().contains("entry 120 records"));
    }
}
