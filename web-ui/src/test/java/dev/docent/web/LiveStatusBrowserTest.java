package dev.docent.web;

import dev.docent.testkit.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live status panel and the documents list in real headless Chromium: loaded before a folder
 * of files arrives, the page shows indexing progress and then "Up to date" without a reload (the
 * status comes over Server-Sent Events), says why answers are quoted, lists the documents a page
 * at a time and filters them to the failed one with its reason. File names carrying markup are
 * shown as text and nothing in them runs. Skipped where Chromium is missing, except in CI.
 */
class LiveStatusBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String FAILED_NAME = "<img src=x onerror=window.pwned=1>.pdf";
    private static final String INDEXED_NAME = "<svg onload=window.pwned=2>.txt";

    @Test
    void theStatusChangesLiveAndTheDocumentsFilterToTheFailedOne(@TempDir Path tmp) throws Exception {
        Required.tool(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver (Debian: chromium chromium-driver)");
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve(FAILED_NAME), ""); // an empty PDF fails with a reason
        Files.writeString(docs.resolve(INDEXED_NAME), "Ladders are inspected every Monday.");
        try (var server = new RunningDocent(docs, tmp);
                var browser = new WebDriverSession(CHROMEDRIVER, CHROMIUM, tmp.resolve("profile"))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            browser.openAndRecordStatus(server.loginUrl("/"));
            browser.execute("window.sameLoad = true; return null;"); // a reload would lose it

            Files.move(StatusEventsTest.generate(tmp.resolve("generated"), 120), server.folder.resolve("generated"));
            assertTrue(browser.waitFor("return document.querySelector('#status progress') !== null;", Duration.ofMinutes(1)),
                    "no progress shown: " + browser.execute("return document.getElementById('status').innerText;"));
            assertTrue(browser.waitFor("return document.getElementById('status').innerText.includes('Up to date: 121 documents indexed');",
                    Duration.ofMinutes(3)), browser.execute("return document.getElementById('status').innerText;").toString());
            JsonNode live = browser.execute("return {sameLoad: window.sameLoad === true, texts: window.statusTexts,"
                    + " status: document.getElementById('status').innerText};");
            assertTrue(live.get("sameLoad").asBoolean(), "the page was reloaded");
            List<Integer> done = new ArrayList<>();
            Matcher m;
            for (JsonNode t : live.get("texts")) {
                if ((m = Pattern.compile("Indexing (\\d+) of 120 files").matcher(t.asText())).find()) done.add(Integer.parseInt(m.group(1)));
            }
            assertTrue(done.stream().distinct().count() >= 2, "the progress did not move on the page: " + done);
            assertEquals(done.stream().sorted().toList(), done, "the done count went back: " + done);
            String status = live.get("status").asText();
            assertTrue(status.contains("no model chosen"), "the page does not say why answers are quoted: " + status);
            assertTrue(status.contains("1 could not be read"), status);
            System.out.println("status texts seen while indexing: " + done);

            // The documents list: a page of 100 of 122, then only the failed one, with its reason.
            browser.execute("document.getElementById('documents').open = true; return null;");
            assertTrue(browser.waitFor("return document.getElementById('document-count').innerText === 'Showing 100 of 122';",
                    Duration.ofSeconds(10)), browser.execute("return document.getElementById('document-count').innerText;").toString());
            browser.execute("document.querySelector('#status button.failures').click(); return null;");
            assertTrue(browser.waitFor("return document.querySelectorAll('#document-rows tr').length === 1"
                    + " && document.getElementById('document-count').innerText === '1 shown';", Duration.ofSeconds(10)));
            JsonNode row = browser.execute("""
                    const cells = [...document.querySelectorAll('#document-rows tr td')].map((td) => td.innerText);
                    return {cells, pressed: document.querySelector('#document-filters [aria-pressed=true]').dataset.filter};""");
            assertEquals("failed", row.get("pressed").asText());
            assertEquals(FAILED_NAME, row.get("cells").get(0).asText(), row.toString());
            assertEquals("failed", row.get("cells").get(1).asText(), row.toString());
            assertTrue(row.get("cells").get(4).asText().contains("empty"), "no reason shown: " + row);
            browser.screenshot(Path.of("target/screenshots/live-status.png"));

            // Nothing in the names ran; the indexed one is listed as text too.
            browser.execute("document.querySelector('#document-filters [data-filter=indexed]').click(); return null;");
            assertTrue(browser.waitFor("return document.getElementById('document-count').innerText === 'Showing 100 of 121';",
                    Duration.ofSeconds(10)));
            browser.execute("const s = document.getElementById('document-search'); s.value = 'svg';"
                    + " s.dispatchEvent(new Event('input')); return null;");
            assertTrue(browser.waitFor("return document.getElementById('document-count').innerText === '1 shown';", Duration.ofSeconds(10)));
            JsonNode page = browser.execute("return {pwned: window.pwned === undefined ? null : window.pwned,"
                    + " markup: document.querySelectorAll('header img, header svg, main img, main svg').length,"
                    + " first: document.querySelector('#document-rows td').innerText};");
            assertTrue(page.get("pwned").isNull(), "a payload ran: " + page);
            assertEquals(0, page.get("markup").asInt(), page.toString());
            assertEquals(INDEXED_NAME, page.get("first").asText());
        }
    }
}
