package dev.docent.web;

import dev.docent.testkit.Required;

import dev.docent.assistant.LlmSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation view in real headless Chromium: Enter sends, a follow-up is answered in its
 * conversation, the conversation is listed and opens again after a reload, and Esc stops a long
 * answer from the real (tiny) model. Skipped where Chromium is missing, except in CI.
 */
class ConversationBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static void assumeChromium() {
        Required.tool(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver (Debian: chromium chromium-driver)");
    }

    /** Types {@code question} and presses Enter in the question box. */
    private static void send(WebDriverSession browser, String question) throws Exception {
        browser.execute("const q = document.getElementById('question'); q.value = " + RunningDocent.JSON.writeValueAsString(question)
                + "; q.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true})); return null;");
    }

    private static final String ANSWERED = "return !document.getElementById('ask-button').hidden"
            + " && document.getElementById('timings').textContent.length > 0;";

    @Test
    void aFollowUpIsAnsweredInItsConversationWhichOpensAgainAfterAReload(@TempDir Path tmp) throws Exception {
        assumeChromium();
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("orchard-notes.md"), "# Pruning\n\nApple trees are pruned in February, before the buds open.\n");
        Files.writeString(docs.resolve("cherries.md"), "# Cherries\n\nCherry trees are pruned in August, after the harvest.\n");
        try (var server = new RunningDocent(docs, tmp);
                var browser = new WebDriverSession(CHROMEDRIVER, CHROMIUM, tmp.resolve("profile"))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            browser.open(server.loginUrl("/"));
            send(browser, "When are apple trees pruned?");
            assertTrue(browser.waitFor(ANSWERED, Duration.ofSeconds(30)), browser.execute("return document.body.innerText;").toString());
            browser.execute("document.getElementById('timings').textContent = ''; return null;");
            send(browser, "And cherry trees?");
            assertTrue(browser.waitFor(ANSWERED, Duration.ofSeconds(30)), browser.execute("return document.body.innerText;").toString());
            JsonNode page = browser.execute("""
                    return {
                      turns: document.querySelectorAll('#thread .turn').length,
                      earlier: document.querySelector('#thread .turn .answer').innerText,
                      asked: document.getElementById('asked').innerText,
                      answer: document.getElementById('answer').innerText,
                      question: document.getElementById('question').value,
                      listed: Array.from(document.querySelectorAll('#conversation-list li .open')).map(b => b.innerText)
                    };""");
            assertEquals(1, page.get("turns").asInt(), page.toString());
            assertTrue(page.get("earlier").asText().contains("February"), page.toString());
            assertEquals("And cherry trees?", page.get("asked").asText());
            assertTrue(page.get("answer").asText().contains("August"), page.toString());
            assertEquals("", page.get("question").asText(), "the box is emptied for the next question");
            assertEquals("[\"When are apple trees pruned?\"]", page.get("listed").toString());

            browser.open(server.loginUrl("/")); // a reload starts empty; the sidebar still lists the conversation
            assertTrue(browser.waitFor("return document.querySelectorAll('#conversation-list li .open').length === 1;",
                    Duration.ofSeconds(10)));
            browser.execute("document.querySelector('#conversation-list li .open').click(); return null;");
            assertTrue(browser.waitFor("return document.querySelectorAll('#thread .turn').length === 2;", Duration.ofSeconds(10)));
            JsonNode reopened = browser.execute("return {text: document.getElementById('thread').innerText,"
                    + " current: document.querySelector('#conversation-list li.current .open').innerText};");
            assertTrue(reopened.get("text").asText().contains("February") && reopened.get("text").asText().contains("August"),
                    reopened.toString());
            assertEquals("When are apple trees pruned?", reopened.get("current").asText());
            browser.screenshot(Path.of("target/screenshots/conversation-view.png"));
        }
    }

    @Test
    void escStopsALongAnswer(@TempDir Path tmp) throws Exception {
        assumeChromium();
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
        LlmSettings llm = new LlmSettings(RunningDocent.storiesModel(), 2048, 1, 0, 0f, 1500, 60, 1);
        try (var server = new RunningDocent(docs, tmp, c -> c.withLlm(llm));
                var browser = new WebDriverSession(CHROMEDRIVER, CHROMIUM, tmp.resolve("profile"))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            browser.open(server.loginUrl("/"));
            send(browser, "Tell me a long story about Lily.");
            assertTrue(browser.waitFor("return !document.getElementById('stop-button').hidden"
                    + " && document.getElementById('answer').textContent.length > 20;", Duration.ofSeconds(30)));
            browser.execute("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true})); return null;");
            assertTrue(browser.waitFor(ANSWERED, Duration.ofSeconds(10)), "Esc did not stop the answer");
            JsonNode page = browser.execute("return {notes: document.getElementById('notes').innerText,"
                    + " stop: document.getElementById('stop-button').hidden, timings: document.getElementById('timings').innerText};");
            assertTrue(page.get("notes").asText().contains("the answer was cancelled"), page.toString());
            assertTrue(page.get("stop").asBoolean(), page.toString());
            browser.screenshot(Path.of("target/screenshots/stopped-answer.png"));
            String generated = page.get("timings").asText().replaceAll(".*generated tokens (\\d+).*", "$1");
            assertTrue(Integer.parseInt(generated) < 1500, page.toString());
        }
    }

    @Test
    void markupInDocumentsQuestionsAndTitlesIsShownAsTextAndNeverRuns(@TempDir Path tmp) throws Exception {
        assumeChromium();
        Path docs = Files.createDirectories(tmp.resolve("src"));
        String img = "<img src=x onerror=\"window.pwned=1\">";
        // Markdown-ish payloads too: the answer quotes this sentence and is rendered as Markdown.
        Files.writeString(docs.resolve(img.replace("\"", "") + ".md"), "# <script>window.pwned=2</script> Ladders\n\n"
                + "Ladders are inspected every **Monday** by the [site lead](javascript:window.pwned=5)"
                + " <img src=y onerror=\"window.pwned=6\"> and logged in `ladder-log`. " + img
                + " <script>window.pwned=3</script>\n");
        try (var server = new RunningDocent(docs, tmp);
                var browser = new WebDriverSession(CHROMEDRIVER, CHROMIUM, tmp.resolve("profile"))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            browser.open(server.loginUrl("/"));
            send(browser, "When are ladders inspected? <img src=x onerror=\"window.pwned=4\">");
            assertTrue(browser.waitFor(ANSWERED, Duration.ofSeconds(30)), browser.execute("return document.body.innerText;").toString());
            browser.open(server.loginUrl("/")); // and again from storage, through the sidebar
            assertTrue(browser.waitFor("return document.querySelectorAll('#conversation-list li .open').length === 1;",
                    Duration.ofSeconds(10)));
            browser.execute("document.querySelector('#conversation-list li .open').click(); return null;");
            assertTrue(browser.waitFor("return document.querySelectorAll('#thread .turn').length === 1;", Duration.ofSeconds(10)));
            browser.execute("document.querySelector('#thread details').open = true; return null;");
            // The source viewer shows the passage from the document as text too.
            browser.execute("document.querySelector('#thread .show-source').click(); return null;");
            assertTrue(browser.waitFor("return !!document.querySelector('#viewer-text mark');", Duration.ofSeconds(10)));
            JsonNode page = browser.execute("return {pwned: window.pwned === undefined ? null : window.pwned,"
                    + " images: document.querySelectorAll('main img, aside img').length,"
                    + " scripts: document.querySelectorAll('main script, aside script').length,"
                    + " badLinks: Array.from(document.querySelectorAll('a[href]')).filter(a => !/^(https?:|#|\\/)/.test(a.getAttribute('href'))).length,"
                    + " strong: Array.from(document.querySelectorAll('#thread .answer strong')).map(e => e.textContent).join(),"
                    + " code: Array.from(document.querySelectorAll('#thread .answer code')).map(e => e.textContent).join(),"
                    + " answer: document.querySelector('#thread .answer').innerText,"
                    + " viewer: document.getElementById('viewer-text').innerText,"
                    + " text: document.body.innerText};");
            assertTrue(page.get("pwned").isNull(), "a payload ran: " + page);
            assertEquals(0, page.get("images").asInt(), page.toString());
            assertEquals(0, page.get("scripts").asInt(), page.toString());
            assertEquals(0, page.get("badLinks").asInt(), "a javascript: link was made: " + page);
            // Markdown is rendered (bold, code) while the markup in the same sentence stays text.
            assertEquals("Monday", page.get("strong").asText(), page.toString());
            assertEquals("ladder-log", page.get("code").asText(), page.toString());
            assertTrue(page.get("answer").asText().contains("by the site lead <img src=y onerror=\"window.pwned=6\">"), page.toString());
            assertTrue(page.get("viewer").asText().contains("<script>window.pwned=3</script>"), page.toString());
            String text = page.get("text").asText();
            assertTrue(text.contains("When are ladders inspected? <img src=x onerror=\"window.pwned=4\">"), text);
            assertTrue(text.contains("<script>window.pwned=3</script>"), "the passage is not shown as text: " + text);
            assertTrue(text.contains("<img src=x onerror=window.pwned=1>.md"), "the file name is not shown as text: " + text);
        }
    }
}
