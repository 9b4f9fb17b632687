package dev.docent.web;

import dev.docent.testkit.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripperByArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source viewer in real headless Chromium: ask, click the citation in the answer, and the panel
 * shows the cited PDF page with highlight boxes where PDFBox finds the passage's words (measured
 * from the boxes the browser drew); a Markdown citation shows its section with the passage marked.
 * Also saves the screenshot for docs/source-viewer.png. Skipped where Chromium is missing, except in CI.
 */
class SourceViewerBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ANSWERED = "return !document.getElementById('ask-button').hidden"
            + " && document.getElementById('timings').textContent.length > 0;";

    private static void assumeChromium() {
        Required.tool(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver (Debian: chromium chromium-driver)");
    }

    private static void ask(WebDriverSession browser, String question) throws Exception {
        browser.execute("document.getElementById('timings').textContent = '';"
                + " const q = document.getElementById('question'); q.value = " + RunningDocent.JSON.writeValueAsString(question)
                + "; q.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true})); return null;");
        assertTrue(browser.waitFor(ANSWERED, Duration.ofSeconds(30)), browser.execute("return document.body.innerText;").toString());
    }

    /** Clicks the [n] in the answer that cites {@code file}; returns the citation's page ("" without one). */
    private static String clickCitationOf(WebDriverSession browser, String file) throws Exception {
        JsonNode clicked = browser.execute("""
                for (const a of document.querySelectorAll('#answer a.cite')) {
                  const li = document.getElementById(a.getAttribute('href').slice(1));
                  if (li && li.querySelector('.where').textContent.startsWith(%s)) {
                    a.click();
                    return {page: li.dataset.page, text: li.querySelector('blockquote').textContent};
                  }
                }
                return null;""".formatted(RunningDocent.JSON.writeValueAsString(file)));
        assertFalse(clicked.isNull(), "no [n] in the answer cites " + file + ": " + browser.execute("return document.body.innerText;"));
        return clicked.get("page").asText();
    }

    @Test
    void clickingACitationShowsThePassageHighlightedOnItsPage(@TempDir Path tmp) throws Exception {
        assumeChromium();
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Path corpus = RunningDocent.repoRoot().resolve("sample-corpus");
        Files.copy(corpus.resolve("employee-handbook.pdf"), docs.resolve("employee-handbook.pdf"));
        Files.copy(corpus.resolve("engineering-guidelines.md"), docs.resolve("engineering-guidelines.md"));
        try (var server = new RunningDocent(docs, tmp);
                var browser = new WebDriverSession(CHROMEDRIVER, CHROMIUM, tmp.resolve("profile"))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            browser.open(server.loginUrl("/"));
            ask(browser, "How many days of paid annual leave do full-time employees get?");
            String page = clickCitationOf(browser, "employee-handbook.pdf");
            assertFalse(page.isEmpty(), "a PDF citation has a page");
            assertTrue(browser.waitFor("const img = document.querySelector('#viewer-page img.page-image');"
                    + " return !!img && img.complete && img.naturalWidth > 0"
                    + " && document.querySelectorAll('#viewer-page .highlight').length > 0;", Duration.ofSeconds(20)),
                    browser.execute("return document.getElementById('source-viewer') ? document.getElementById('source-viewer').innerText : 'no panel';").toString());
            JsonNode view = browser.execute("""
                    const img = document.querySelector('#viewer-page img.page-image');
                    const r = img.getBoundingClientRect();
                    const boxes = Array.from(document.querySelectorAll('#viewer-page .highlight')).map(h => {
                      const b = h.getBoundingClientRect();
                      return {page: h.dataset.page, x: (b.left - r.left) / r.width, y: (b.top - r.top) / r.height,
                              w: b.width / r.width, h: b.height / r.height};
                    });
                    return {src: img.getAttribute('src'), natural: img.naturalWidth, shown: r.width, boxes: boxes,
                            where: document.getElementById('viewer-where').textContent,
                            file: document.getElementById('viewer-file').getAttribute('href'),
                            fileHidden: document.getElementById('viewer-file').hidden,
                            cited: document.querySelector('#viewer-text mark') ? document.querySelector('#viewer-text mark').textContent : '',
                            problem: document.getElementById('viewer-problem').hidden};""");
            assertTrue(view.get("src").asText().endsWith("/pages/" + page + ".png"), view.toString());
            assertTrue(view.get("where").asText().contains("page " + page), view.toString());
            assertTrue(view.get("file").asText().matches("/api/documents/[0-9a-f]{16}/file"), view.toString());
            assertFalse(view.get("fileHidden").asBoolean());
            assertTrue(view.get("problem").asBoolean(), "no problem is reported for an unchanged file: " + view);
            assertTrue(view.get("shown").asDouble() > 300, "the page is shown at a readable size: " + view);
            String cited = view.get("cited").asText();
            assertFalse(cited.isEmpty(), view.toString());

            // Where the browser drew the boxes, PDFBox reads the cited passage's first and last words.
            try (var pdf = Loader.loadPDF(server.folder.resolve("employee-handbook.pdf").toFile())) {
                var pdPage = pdf.getPage(Integer.parseInt(page) - 1);
                float w = pdPage.getCropBox().getWidth();
                float h = pdPage.getCropBox().getHeight();
                var stripper = new PDFTextStripperByArea();
                int i = 0;
                for (JsonNode b : view.get("boxes")) {
                    assertEquals(page, b.get("page").asText());
                    assertTrue(b.get("x").asDouble() >= -0.001 && b.get("y").asDouble() >= -0.001
                            && b.get("x").asDouble() + b.get("w").asDouble() <= 1.001 && b.get("h").asDouble() < 0.05, b.toString());
                    stripper.addRegion("b" + i++, new Rectangle2D.Double(b.get("x").asDouble() * w, b.get("y").asDouble() * h,
                            b.get("w").asDouble() * w, b.get("h").asDouble() * h));
                }
                stripper.extractRegions(pdPage);
                var inside = new StringBuilder();
                for (int k = 0; k < i; k++) inside.append(stripper.getTextForRegion("b" + k)).append(' ');
                String text = inside.toString().replaceAll("\\s+", " ");
                String[] words = cited.split(" ");
                assertTrue(text.contains(words[0]) && text.contains(words[words.length - 1]),
                        "the highlight holds '" + text + "', the passage is '" + cited + "'");
            }
            browser.screenshot(Path.of("target/screenshots/source-viewer.png"));

            // Esc closes the panel; a Markdown citation shows its section's text with the passage marked.
            browser.execute("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true})); return null;");
            assertTrue(browser.waitFor("return document.getElementById('source-viewer').hidden;", Duration.ofSeconds(5)));
            browser.execute("document.getElementById('new-conversation').click(); return null;");
            ask(browser, "How many approvals does every change need before it is merged?");
            assertEquals("", clickCitationOf(browser, "engineering-guidelines.md"));
            assertTrue(browser.waitFor("return !document.getElementById('source-viewer').hidden"
                    + " && !!document.querySelector('#viewer-text mark');", Duration.ofSeconds(10)));
            JsonNode text = browser.execute("return {images: document.querySelectorAll('#viewer-page img').length,"
                    + " where: document.getElementById('viewer-where').textContent,"
                    + " mark: document.querySelector('#viewer-text mark').textContent};");
            assertEquals(0, text.get("images").asInt(), text.toString());
            assertEquals("engineering-guidelines.md", text.get("where").asText());
            assertFalse(text.get("mark").asText().isBlank());

            // The Markdown subset answers are rendered with, as the elements it builds (markdown.js).
            String html = browser.execute("""
                    const d = document.createElement('div');
                    renderAnswer(d, '## Leave\\n\\nA **bold _and_ italic** *word* with `<b>code</b>`\\nnext line\\n\\n'
                      + '- one [1]\\n- two [7]\\n\\n3. three\\n4. four\\n\\n```\\n<i>x</i>\\n```\\n'
                      + '[site](https://docs.invalid/a?b=1) [bad](javascript:alert(1)) <img src=x onerror=alert(1)>',
                      new Set([1]), 's-');
                    return d.innerHTML;""").asText();
            assertEquals("<h4>Leave</h4><p>A <strong>bold <em>and</em> italic</strong> <em>word</em> with "
                    + "<code>&lt;b&gt;code&lt;/b&gt;</code><br>next line</p>"
                    + "<ul><li>one <a class=\"cite\" href=\"#s-1\">[1]</a></li><li>two [7]</li></ul>"
                    + "<ol start=\"3\"><li>three</li><li>four</li></ol><pre><code>&lt;i&gt;x&lt;/i&gt;</code></pre>"
                    + "<p><a class=\"external\" href=\"https://docs.invalid/a?b=1\" rel=\"noopener noreferrer\" target=\"_blank\""
                    + " title=\"https://docs.invalid/a?b=1\">site</a> bad &lt;img src=x onerror=alert(1)&gt;</p>", html);
        }
    }
}
