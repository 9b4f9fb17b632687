package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.indexer.DocumentId;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripperByArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source viewer's routes on a real server over a real index (a PDF and a Markdown file from the
 * sample corpus), through DocentApp's route table: documents by catalog id only, the page image,
 * the cited passage with regions that lie where PDFBox finds the passage's words, and JSON refusals
 * for unknown ids, paths in place of ids, pages out of range, and files changed or gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SourceViewerApiTest {

    @TempDir
    static Path tmp;
    private RunningDocent server;
    private final AtomicBoolean paused = new AtomicBoolean();

    @BeforeAll
    void start() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Path corpus = RunningDocent.repoRoot().resolve("sample-corpus");
        Files.copy(corpus.resolve("employee-handbook.pdf"), docs.resolve("employee-handbook.pdf"));
        Files.copy(corpus.resolve("engineering-guidelines.md"), docs.resolve("engineering-guidelines.md"));
        server = new RunningDocent(docs, tmp);
        server.awaitIndexed(Duration.ofMinutes(2));
        server.docent.indexer().pauseWhile(paused::get);
    }

    @AfterAll
    void stop() {
        paused.set(false);
        server.close();
    }

    private Path pdf() {
        return server.folder.resolve("employee-handbook.pdf");
    }

    private HttpResponse<byte[]> bytes(String path) throws Exception {
        return server.http.send(server.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertJsonError(HttpResponse<String> res, int status) throws Exception {
        assertEquals(status, res.statusCode(), res.uri() + " " + res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), res.headers().toString());
        assertFalse(RunningDocent.JSON.readTree(res.body()).get("error").asText().isBlank(), res.body());
    }

    /** The first citation of {@code file} for {@code question}, from a real (extractive) answer. */
    private JsonNode citation(String question, String file) throws Exception {
        JsonNode answer = RunningDocent.JSON.readTree(server.post("/ask",
                RunningDocent.JSON.writeValueAsString(java.util.Map.of("question", question))).body());
        for (JsonNode c : answer.get("citations")) {
            if (c.get("path").asText().endsWith(file)) return c;
        }
        throw new AssertionError("no citation of " + file + " in " + answer);
    }

    private JsonNode passage(JsonNode c) throws Exception {
        String query = "?start=" + c.get("start").asInt() + "&end=" + c.get("end").asInt()
                + (c.get("page").isNull() ? "" : "&page=" + c.get("page").asInt());
        var res = server.get("/api/documents/" + c.get("document_id").asText() + "/passage" + query);
        assertEquals(200, res.statusCode(), res.body());
        return RunningDocent.JSON.readTree(res.body());
    }

    @Test
    @Order(1)
    void aPdfCitationOpensOnItsPageWithItsWordsHighlighted() throws Exception {
        JsonNode c = citation("How many days of paid annual leave do full-time employees get?", "employee-handbook.pdf");
        String id = c.get("document_id").asText();
        assertEquals(DocumentId.of(pdf().toString()), id);

        JsonNode doc = RunningDocent.JSON.readTree(server.get("/api/documents/" + id).body());
        assertEquals("pdf", doc.get("kind").asText());
        assertEquals("unchanged", doc.get("file_state").asText());
        assertEquals(pdf().toString(), doc.get("path").asText());
        assertTrue(doc.get("pages").asInt() >= 2, doc.toString());

        JsonNode p = passage(c);
        int page = c.get("page").asInt();
        assertEquals("/api/documents/" + id + "/pages/" + page + ".png", p.get("image").asText());
        assertTrue(p.get("regions").size() >= 1, p.toString());
        String cited = "";
        for (JsonNode part : p.get("context")) if (part.get("cited").asBoolean()) cited = part.get("text").asText();
        assertFalse(cited.isEmpty(), "the cited chunk is marked in its context: " + p);

        // The highlight is where PDFBox itself finds the passage's first and last words on that page.
        try (var document = Loader.loadPDF(pdf().toFile())) {
            var pdPage = document.getPage(page - 1);
            float w = pdPage.getCropBox().getWidth();
            float h = pdPage.getCropBox().getHeight();
            var stripper = new PDFTextStripperByArea();
            int i = 0;
            for (JsonNode r : p.get("regions")) {
                double x = r.get("x").asDouble(), y = r.get("y").asDouble();
                assertTrue(x >= 0 && y >= 0 && x + r.get("width").asDouble() <= 1.0001 && y + r.get("height").asDouble() <= 1.0001, r.toString());
                stripper.addRegion("r" + i++, new Rectangle2D.Double(x * w, y * h, r.get("width").asDouble() * w,
                        r.get("height").asDouble() * h));
            }
            stripper.extractRegions(pdPage);
            var inside = new StringBuilder();
            for (int k = 0; k < i; k++) inside.append(stripper.getTextForRegion("r" + k)).append(' ');
            String[] words = cited.split(" ");
            String text = inside.toString().replaceAll("\\s+", " ");
            assertTrue(text.contains(words[0]) && text.contains(words[words.length - 1]), text + " vs " + cited);
        }

        long t0 = System.nanoTime();
        var png = bytes(p.get("image").asText());
        long rendered = System.nanoTime();
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        var image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertTrue(Math.abs(image.getWidth() - 1200) <= 2, "rendered about 1200 px wide: " + image.getWidth());
        try (var cached = Files.list(tmp.resolve("data/cache/pages").resolve(id))) {
            assertEquals(1, cached.count(), "the render is cached");
        }
        assertArrayEquals(png.body(), bytes(p.get("image").asText()).body());
        System.out.printf("page %d: rendered in %d ms (%d KB), from the cache in %d ms%n", page, (rendered - t0) / 1_000_000,
                png.body().length / 1024, (System.nanoTime() - rendered) / 1_000_000);

        var file = bytes("/api/documents/" + id + "/file");
        assertEquals(200, file.statusCode());
        assertEquals("application/pdf", file.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(Files.readAllBytes(pdf()), file.body());
    }

    @Test
    @Order(2)
    void aTextCitationComesWithItsSectionAndNoPage() throws Exception {
        JsonNode c = citation("How are code reviews done?", "engineering-guidelines.md");
        JsonNode p = passage(c);
        assertTrue(p.get("image").isNull(), p.toString());
        assertEquals(0, p.get("regions").size());
        assertEquals("text", p.get("document").get("kind").asText());
        assertTrue(p.get("context").size() >= 1);
        boolean marked = false;
        for (JsonNode part : p.get("context")) marked |= part.get("cited").asBoolean();
        assertTrue(marked, p.toString());
        String id = c.get("document_id").asText();
        assertJsonError(server.get("/api/documents/" + id + "/pages/1.png"), 404); // not a PDF

        var file = server.get("/api/documents/" + id + "/file");
        assertEquals(200, file.statusCode());
        assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), file.headers().toString());
        assertTrue(file.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"), file.headers().toString());
        assertEquals(Files.readString(server.folder.resolve("engineering-guidelines.md")), file.body());
    }

    @Test
    @Order(3)
    void unknownIdsPathsAndPagesOutOfRangeAre404Json() throws Exception {
        String id = DocumentId.of(pdf().toString());
        String pdfPath = URLEncoder.encode(pdf().toString(), StandardCharsets.UTF_8);
        for (String path : new String[] {
            "/api/documents/0123456789abcdef", "/api/documents/0123456789abcdef/file",
            "/api/documents/0123456789abcdef/pages/1.png", "/api/documents/0123456789abcdef/passage?start=0&end=5",
            "/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/..%2F..%2Fetc%2Fpasswd/file",
            "/api/documents/%2Fetc%2Fpasswd/file", "/api/documents/etc/passwd", "/api/documents/%2e%2e/file",
            "/api/documents/" + pdfPath + "/file", "/api/documents/" + id.toUpperCase() + "/file",
            "/api/documents/" + id + "/pages/0.png", "/api/documents/" + id + "/pages/99.png",
            "/api/documents/" + id + "/pages/..%2F1.png", "/api/documents/" + id + "/pages/1",
            "/api/documents/" + id + "/passage?page=1&start=900000&end=900010",
        }) {
            var res = server.get(path);
            assertJsonError(res, 404);
            assertFalse(res.body().contains("root:"), path);
        }
        assertJsonError(server.get("/api/documents/" + id + "/passage?page=1&start=x&end=2"), 400);
    }

    @Test
    @Order(4)
    void aFileChangedOrGoneSinceIndexingIsSaidSo() throws Exception {
        String pdfId = DocumentId.of(pdf().toString());
        Path md = server.folder.resolve("engineering-guidelines.md");
        String mdId = DocumentId.of(md.toString());
        paused.set(true); // the indexer reads the change but does not record it: the catalog stays as indexed
        Files.write(pdf(), "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        JsonNode doc = RunningDocent.JSON.readTree(server.get("/api/documents/" + pdfId).body());
        assertEquals("changed", doc.get("file_state").asText(), doc.toString());
        assertTrue(doc.get("file_problem").asText().contains("changed since it was indexed"), doc.toString());
        assertJsonError(server.get("/api/documents/" + pdfId + "/pages/1.png"), 409);
        assertTrue(server.docent.indexer().status().indexing() || waitIndexing(), "a sync took the change up");
        Files.delete(md); // the running (paused) sync walked before: the catalog still lists it
        doc = RunningDocent.JSON.readTree(server.get("/api/documents/" + mdId).body());
        assertEquals("missing", doc.get("file_state").asText(), doc.toString());
        assertJsonError(server.get("/api/documents/" + mdId + "/file"), 410);
    }

    private boolean waitIndexing() throws InterruptedException {
        for (int i = 0; i < 100 && !server.docent.indexer().status().indexing(); i++) Thread.sleep(100);
        return server.docent.indexer().status().indexing();
    }
}
