package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/documents} filters, through the route table serve uses, over a real index of
 * real files: indexed, failed with its reason, needs OCR (a real image-only PDF, and one with a
 * scanned page beside a text page, OCR off), skipped (a link leading outside), a name search, and
 * paging with {@code X-Total-Count}. Bad parameters are 400 JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsRouteTest {

    @TempDir
    static Path tmp;
    private RunningDocent server;

    @BeforeAll
    void start() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("greenhouse.txt"), "The greenhouse heaters switch on below 4 degrees.");
        Files.writeString(docs.resolve("<b>bold ladders.txt"), "Ladders are inspected every Monday.");
        Files.writeString(docs.resolve("broken.pdf"), "");
        scannedPdf(docs.resolve("scan.pdf"), false);
        scannedPdf(docs.resolve("half-scanned.pdf"), true);
        // OCR off, so the scans are "needs OCR" whether or not tesseract is installed here.
        server = new RunningDocent(docs, tmp, c -> c.withIndexing(c.indexing().withOcr("off")));
        server.awaitIndexed(Duration.ofMinutes(2));
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "Not in a watched folder.");
        Files.createSymbolicLink(server.folder.resolve("outside-link.txt"), outside);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (RunningDocent.JSON.readTree(server.get("/api/status").body()).get("skipped_count").asInt() == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A PDF whose page is only an image (a scan), after a page with text when {@code withText}. */
    static void scannedPdf(Path file, boolean withText) throws IOException {
        try (var pdf = new PDDocument()) {
            if (withText) {
                var page = new PDPage();
                pdf.addPage(page);
                try (var out = new PDPageContentStream(pdf, page)) {
                    out.beginText();
                    out.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    out.newLineAtOffset(72, 700);
                    out.showText("Irrigation pumps are serviced every April.");
                    out.endText();
                }
            }
            var page = new PDPage();
            pdf.addPage(page);
            var image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 200, 100);
            g.setColor(Color.BLACK);
            g.fillRect(20, 40, 160, 8); // a "line of text" as pixels
            g.dispose();
            try (var out = new PDPageContentStream(pdf, page)) {
                out.drawImage(LosslessFactory.createFromImage(pdf, image), 72, 500, 400, 200);
            }
            pdf.save(file.toFile());
        }
    }

    private HttpResponse<String> list(String query) throws Exception {
        return server.get("/api/documents" + query);
    }

    private static List<String> names(HttpResponse<String> res) throws Exception {
        assertEquals(200, res.statusCode(), res.body());
        List<String> names = new ArrayList<>();
        for (JsonNode d : RunningDocent.JSON.readTree(res.body())) names.add(Path.of(d.get("path").asText()).getFileName().toString());
        return names;
    }

    private static int total(HttpResponse<String> res) {
        return Integer.parseInt(res.headers().firstValue("X-Total-Count").orElse("-1"));
    }

    @Test
    void withoutParametersEveryDocumentIsListedAsBefore() throws Exception {
        var res = list("");
        assertEquals(List.of("<b>bold ladders.txt", "broken.pdf", "greenhouse.txt", "half-scanned.pdf", "scan.pdf"),
                names(res).stream().sorted().toList());
        assertEquals(5, total(res));
    }

    @Test
    void eachStatusFilterListsItsDocumentsAndFailuresCarryTheirReason() throws Exception {
        assertEquals(List.of("<b>bold ladders.txt", "greenhouse.txt", "half-scanned.pdf"),
                names(list("?status=indexed")).stream().sorted().toList());
        var failed = list("?status=failed");
        assertEquals(List.of("broken.pdf", "scan.pdf"), names(failed).stream().sorted().toList());
        for (JsonNode d : RunningDocent.JSON.readTree(failed.body())) {
            assertEquals("failed", d.get("status").asText());
            assertTrue(d.get("error").asText().length() > 5, "a failure without its reason: " + d);
        }
        var ocr = list("?status=needs_ocr");
        assertEquals(List.of("half-scanned.pdf", "scan.pdf"), names(ocr).stream().sorted().toList(), ocr.body());
        assertEquals(2, total(ocr));
        assertTrue(names(list("?status=pending")).isEmpty());
        assertEquals(5, names(list("?status=all")).size());
        var skipped = list("?status=skipped");
        assertEquals(List.of("outside-link.txt"), names(skipped));
        JsonNode link = RunningDocent.JSON.readTree(skipped.body()).get(0);
        assertEquals("skipped", link.get("status").asText());
        assertEquals("symbolic link to outside the watched folders", link.get("error").asText());
    }

    @Test
    void aTextMatchesPathOrTitleIgnoringCase() throws Exception {
        assertEquals(List.of("greenhouse.txt"), names(list("?q=GreenHouse")));
        assertEquals(List.of("<b>bold ladders.txt"), names(list("?q=" + URLEncoder.encode("<b>", StandardCharsets.UTF_8))));
        assertEquals(List.of("scan.pdf"), names(list("?status=failed&q=scan")));
        assertEquals(List.of("outside-link.txt"), names(list("?status=skipped&q=LINK")));
        assertTrue(names(list("?q=nothing-like-this")).isEmpty());
    }

    @Test
    void pagesComeWithTheFullCount() throws Exception {
        List<String> all = names(list(""));
        var page = list("?limit=2&offset=1");
        assertEquals(all.subList(1, 3), names(page));
        assertEquals(5, total(page));
        var last = list("?status=all&limit=2&offset=4");
        assertEquals(all.subList(4, 5), names(last));
        assertTrue(names(list("?offset=99")).isEmpty());
    }

    @Test
    void badParametersAre400WithAJsonError() throws Exception {
        for (String q : List.of("?status=broken", "?limit=0", "?limit=abc", "?offset=-1", "?limit=10001")) {
            var res = list(q);
            assertEquals(400, res.statusCode(), q + ": " + res.body());
            JsonNode body = RunningDocent.JSON.readTree(res.body());
            assertTrue(body.get("error").asText().length() > 10, res.body());
        }
        assertTrue(list("?status=broken").body().contains("needs_ocr"), "the error does not say which statuses exist");
    }
}
