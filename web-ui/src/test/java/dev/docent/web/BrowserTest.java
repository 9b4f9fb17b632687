package dev.docent.web;

import dev.docent.testkit.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in a real browser (Debian's headless Chromium, driven through chromedriver): it loads,
 * asks the question given in {@code ?q=}, streams the answer, links [n] to the rendered sources,
 * and shows the indexing status. Skipped where Chromium is not installed, except in CI
 * ({@code CI=true}), whose .ci/run installs it.
 */
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void thePageAsksAndShowsTheAnswerWithItsSources(@TempDir Path tmp) throws Exception {
        Required.tool(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver (Debian: chromium chromium-driver)");
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("orchard-notes.md"),
                "# Frost protection\n\nWind machines start when the orchard temperature falls below minus 1 degree.\n\n"
                        + "# Pruning\n\nApple trees are pruned in February, before the buds open.\n");
        try (var server = new RunningDocent(docs, tmp);
                var browser = new WebDriverSession(CHROMEDRIVER, CHROMIUM, tmp.resolve("profile"))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            browser.open(server.loginUrl("/?q=" + URLEncoder.encode("When are apple trees pruned?", StandardCharsets.UTF_8)));
            // A link only fills the question in; nothing is asked until the user submits.
            Thread.sleep(1000);
            JsonNode before = browser.execute("return {question: document.getElementById('question').value,"
                    + " hidden: document.getElementById('result').hidden};");
            assertEquals("When are apple trees pruned?", before.get("question").asText(), before.toString());
            assertTrue(before.get("hidden").asBoolean(), "the page asked by itself: " + before);
            browser.execute("document.getElementById('ask-form').requestSubmit(); return null;");
            assertTrue(browser.waitFor("return document.querySelectorAll('#citations li').length > 0 "
                    + "&& document.getElementById('timings').textContent.length > 0;", Duration.ofSeconds(30)),
                    "sources never rendered: " + browser.execute("return document.body.innerText;"));
            JsonNode page = browser.execute("""
                    return {
                      answer: document.getElementById('answer').innerText,
                      firstSource: document.querySelector('#source-1').innerText,
                      citeLink: document.querySelector('#answer a.cite') ? document.querySelector('#answer a.cite').getAttribute('href') : null,
                      mode: document.getElementById('mode').innerText,
                      status: document.getElementById('status').innerText,
                      error: document.getElementById('error').hidden,
                      timings: document.getElementById('timings').innerText
                    };""");
            assertTrue(page.get("answer").asText().contains("Apple trees are pruned in February"), page.toString());
            assertTrue(page.get("firstSource").asText().contains("orchard-notes.md"), page.toString());
            assertTrue(page.get("firstSource").asText().contains("Pruning"), page.toString());
            assertEquals("#source-1", page.get("citeLink").asText(), page.toString());
            assertTrue(page.get("mode").asText().contains("quoting"), page.toString());
            assertTrue(page.get("status").asText().contains("1 documents indexed"), page.toString());
            assertTrue(page.get("error").asBoolean(), "an error is shown: " + page);
            assertTrue(page.get("timings").asText().matches("embed \\d+ ms · search \\d+ ms · total \\d+ ms"), page.toString());
        }
    }
}
