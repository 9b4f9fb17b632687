package dev.docent.web;

import dev.docent.testkit.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.indexer.extract.PageOcr;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a scan is OCR'd page by page, the live status panel in real headless Chromium says which
 * page it is on ("Extracting scan.pdf: OCR of page 3 of 12"), so a long extraction is not a silent
 * wait. Real tesseract; skipped where Chromium or tesseract is missing, except in CI.
 */
class ScanProgressBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int PAGES = 12;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void thePanelCountsThePagesOfAScanBeingRead(@TempDir Path tmp) throws Exception {
        Required.tool(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) && PageOcr.tesseractOnPath(),
                "chromium, chromedriver and tesseract (Debian: chromium chromium-driver tesseract-ocr)");
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("notes.txt"), "Ladders are inspected every Monday.");
        try (var server = new RunningDocent(docs, tmp);
                var browser = new WebDriverSession(CHROMEDRIVER, CHROMIUM, tmp.resolve("profile"))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            browser.openAndRecordStatus(server.loginUrl("/"));

            Path scan = tmp.resolve("scan.pdf");
            writeScan(scan);
            Files.move(scan, server.folder.resolve("scan.pdf"));
            // Bars are not words: OCR finds no text and the scan ends "could not be read", after every page.
            assertTrue(browser.waitFor("const s = document.getElementById('status').innerText;"
                    + " return s.includes('Up to date') && s.includes('1 could not be read');",
                    Duration.ofMinutes(2)), browser.execute("return document.getElementById('status').innerText;").toString());
            JsonNode texts = browser.execute("return window.statusTexts;");
            long pagesShown = 0;
            for (int page = 1; page <= PAGES; page++) {
                String line = "Extracting scan.pdf: OCR of page " + page + " of " + PAGES;
                for (JsonNode t : texts) {
                    if (t.asText().contains(line)) {
                        pagesShown++;
                        break;
                    }
                }
            }
            System.out.println("scan pages the panel showed while OCR ran: " + pagesShown + " of " + PAGES);
            // Each page takes seconds to OCR and the panel updates up to 4 times a second: every page shows.
            assertEquals(PAGES, pagesShown, "the panel did not show every page as it was OCR'd: " + texts);
        }
    }

    /** A scan: PAGES image-only pages, each a picture of a few dark bars (lines of "text"). */
    private static void writeScan(Path file) throws Exception {
        try (var pdf = new PDDocument()) {
            for (int i = 0; i < PAGES; i++) {
                var image = new BufferedImage(600, 800, BufferedImage.TYPE_INT_RGB);
                var g = image.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, 600, 800);
                g.setColor(Color.BLACK);
                for (int line = 0; line <= i % 4; line++) g.fillRect(60, 80 + 40 * line, 400 + 10 * i, 12);
                g.dispose();
                var page = new PDPage();
                pdf.addPage(page);
                try (var out = new PDPageContentStream(pdf, page)) {
                    out.drawImage(LosslessFactory.createFromImage(pdf, image), 0, 0, page.getMediaBox().getWidth(),
                            page.getMediaBox().getHeight());
                }
            }
            pdf.save(file.toFile());
        }
    }
}
