package dev.docent.web;

import dev.docent.testkit.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection answer in real Chromium: "List all invoices." shows every invoice in the documents
 * table (more than top_k), the table sorts by a column, a row opens the source viewer at its
 * passage, and a type filter chip narrows the next answer and is removed with a click. Fails in CI
 * ({@code CI=true}) when Chromium is missing, as the other browser tests do.
 */
class CollectionListBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void aCollectionAnswerListsEveryDocumentSortsAndOpensTheViewer(@TempDir Path tmp) throws Exception {
        Required.tool(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver (Debian: chromium chromium-driver)");
        Path docs = Files.createDirectories(tmp.resolve("src"));
        for (int i = 1; i <= 8; i++) {
            Files.writeString(docs.resolve("invoice-2025-%02d.md".formatted(i)), "# Invoice INV-%d\n\nInvoice date: %d March 2025. Amount due: EUR %d00.\n"
                    .formatted(i, i, i));
        }
        Files.writeString(docs.resolve("payment-procedure.md"), "# Payment procedure\n\nEvery invoice is checked before it is paid.\n");
        try (var server = new RunningDocent(docs, tmp);
                var browser = new WebDriverSession(CHROMEDRIVER, CHROMIUM, tmp.resolve("profile"))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            browser.open(server.loginUrl("/"));
            browser.execute("document.getElementById('question').value = 'List all invoices.';"
                    + " document.getElementById('ask-form').requestSubmit(); return null;");
            assertTrue(browser.waitFor("return document.querySelectorAll('#collection-rows tr').length > 0;", Duration.ofSeconds(30)),
                    "no documents table: " + browser.execute("return document.body.innerText;"));
            JsonNode shown = browser.execute("""
                    return {
                      rows: [...document.querySelectorAll('#collection-rows tr td.title')].map(td => td.innerText),
                      hidden: document.getElementById('collection').hidden,
                      coverage: document.getElementById('collection-coverage').innerText,
                      answer: document.getElementById('answer').innerText
                    };""");
            assertEquals(8, shown.get("rows").size(), "every invoice, not top_k: " + shown);
            assertTrue(!shown.get("hidden").asBoolean(), shown.toString());
            assertTrue(shown.get("coverage").asText().startsWith("8 documents match, out of 9 searched"), shown.toString());
            assertTrue(shown.get("answer").asText().startsWith("8 invoices"), shown.toString());
            assertTrue(!shown.get("rows").toString().contains("Payment procedure"), "a document about invoices is not an invoice");

            // Sorting by title (here the file name), twice: descending puts invoice-2025-08.md first.
            browser.execute("document.querySelector('#collection-table th[data-sort=title]').click();"
                    + " document.querySelector('#collection-table th[data-sort=title]').click(); return null;");
            JsonNode sorted = browser.execute("return {first: document.querySelector('#collection-rows tr td.title').innerText,"
                    + " sort: document.querySelector('#collection-table th[data-sort=title]').getAttribute('aria-sort')};");
            assertEquals("invoice-2025-08.md", sorted.get("first").asText(), sorted.toString());
            assertEquals("descending", sorted.get("sort").asText(), sorted.toString());

            // A row opens the source viewer at its passage.
            browser.execute("document.querySelector('#collection-rows tr .show-source').click(); return null;");
            assertTrue(browser.waitFor("return document.body.classList.contains('viewing-source')"
                    + " && document.getElementById('viewer-text').innerText.includes('INV-8');", Duration.ofSeconds(15)),
                    "the viewer did not open the row's document: " + browser.execute("return document.body.innerText;"));

            // From the viewer, one click asks for the document's outline.
            browser.execute("document.getElementById('viewer-summarise').click(); return null;");
            assertTrue(browser.waitFor("return document.getElementById('answer').innerText.startsWith('Outline of invoice-2025-08.md');",
                    Duration.ofSeconds(30)), "no outline: " + browser.execute("return document.getElementById('answer').innerText;"));
            assertEquals("Summarise invoice-2025-08.md", browser.execute("return document.getElementById('asked').innerText;").asText());

            // From the documents list too: a row's Summarise asks for that document's outline.
            browser.execute("document.getElementById('documents').open = true;"
                    + " document.getElementById('documents').dispatchEvent(new Event('toggle')); return null;");
            assertTrue(browser.waitFor("return [...document.querySelectorAll('#document-rows .summarise-document')]"
                    + ".some(b => b.getAttribute('aria-label') === 'Summarise invoice-2025-03.md');", Duration.ofSeconds(15)),
                    "no Summarise in the documents list: " + browser.execute("return document.getElementById('document-rows').innerText;"));
            browser.execute("[...document.querySelectorAll('#document-rows .summarise-document')]"
                    + ".find(b => b.getAttribute('aria-label') === 'Summarise invoice-2025-03.md').click(); return null;");
            assertTrue(browser.waitFor("return document.getElementById('answer').innerText.startsWith('Outline of invoice-2025-03.md');",
                    Duration.ofSeconds(30)), "no outline from the list: " + browser.execute("return document.getElementById('answer').innerText;"));

            // A type filter: a chip appears and the next answer comes from PDFs only (there are none
            // here: 0 invoices); a click on the chip removes it.
            browser.execute("const s = document.getElementById('filter-type'); s.value = 'pdf';"
                    + " s.dispatchEvent(new Event('change')); return null;");
            JsonNode chip = browser.execute("return [...document.querySelectorAll('#filter-chips .chip')].map(c => c.innerText);");
            assertEquals("type: PDF ×", chip.get(0).asText(), chip.toString());
            browser.execute("document.getElementById('question').value = 'List all invoices.';"
                    + " document.getElementById('ask-form').requestSubmit(); return null;");
            assertTrue(browser.waitFor("return document.getElementById('answer').innerText.startsWith('0 invoices');", Duration.ofSeconds(30)),
                    "the filter did not reach /ask: " + browser.execute("return document.getElementById('answer').innerText;"));
            browser.execute("document.querySelector('#filter-chips .chip').click(); return null;");
            JsonNode cleared = browser.execute("return {chips: document.querySelectorAll('#filter-chips .chip').length,"
                    + " type: document.getElementById('filter-type').value};");
            assertEquals(0, cleared.get("chips").asInt(), cleared.toString());
            assertEquals("", cleared.get("type").asText(), cleared.toString());
        }
    }
}
