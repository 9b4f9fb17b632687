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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's model picker in real headless Chromium: it lists the chat models found (names shown
 * as text, even one that looks like markup), a pick loads that model with real llama.cpp, and the
 * page then says answers come from it.
 */
@Timeout(240)
class ModelPickerBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void pickingAModelInThePageLoadsItAndTheStatusSaysSo(@TempDir Path tmp) throws Exception {
        Required.tool(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver (Debian: chromium chromium-driver)");
        Path models = ModelSwitchTest.modelsIn(tmp.resolve("data"));
        String markup = "<img src=x onerror=window.pwned=1>";
        Files.copy(RunningDocent.storiesModel(), models.resolve(markup + ".gguf"));
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
        LlmSettings noModel = new LlmSettings(null, 1024, 1, 0, 0f, 16, 60, 4);
        try (var server = new RunningDocent(docs, tmp, c -> c.withLlm(noModel));
                var browser = new WebDriverSession(CHROMEDRIVER, CHROMIUM, tmp.resolve("profile"))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            browser.open(server.loginUrl("/"));
            assertTrue(browser.waitFor("return [...document.querySelectorAll('#model-select option')]"
                    + ".some(o => o.value === 'tiny-b');", Duration.ofSeconds(20)),
                    "no models listed: " + browser.execute("return document.body.innerText;"));
            JsonNode before = browser.execute("""
                    const s = document.getElementById('model-select');
                    return {value: s.value, options: [...s.options].map(o => o.textContent),
                            images: document.querySelectorAll('.model-picker img').length, pwned: window.pwned === 1};""");
            assertEquals("", before.get("value").asText(), "a model was chosen unasked: " + before);
            assertTrue(before.get("options").toString().contains("tiny-a · models folder"), before.toString());
            assertTrue(before.get("options").toString().contains("<img src=x"), "the markup name is not shown as text: " + before);
            assertEquals(0, before.get("images").asInt(), before.toString());
            assertTrue(!before.get("pwned").asBoolean(), "a model name ran as markup");

            browser.execute("const s = document.getElementById('model-select'); s.value = 'tiny-b';"
                    + " s.dispatchEvent(new Event('change')); return null;");
            assertTrue(browser.waitFor("return !document.getElementById('model-select').disabled"
                    + " && document.getElementById('model-state').textContent === ''"
                    + " && document.getElementById('model-select').value === 'tiny-b';", Duration.ofSeconds(60)),
                    "the pick did not finish: " + browser.execute("return document.querySelector('.model-picker').innerText;"));
            JsonNode models2 = RunningDocent.JSON.readTree(server.get("/api/models").body());
            assertEquals("tiny-b", models2.get("active").asText(), models2.toString());
            assertTrue(browser.waitFor("return document.getElementById('status').textContent.includes('Answers written by llama');",
                    Duration.ofSeconds(15)), "status: " + browser.execute("return document.getElementById('status').innerText;"));

            // A file that cannot be loaded: the page says why and keeps tiny-b selected.
            browser.execute("const s = document.getElementById('model-select'); s.value = 'tiny-broken';"
                    + " s.dispatchEvent(new Event('change')); return null;");
            assertTrue(browser.waitFor("return document.getElementById('model-state').textContent.startsWith('Could not load tiny-broken')"
                    + " && document.getElementById('model-select').value === 'tiny-b';", Duration.ofSeconds(60)),
                    "failure not shown: " + browser.execute("return document.querySelector('.model-picker').innerText;"));
            assertTrue(browser.execute("return document.getElementById('model-state').textContent;").asText()
                    .contains("still using tiny-b"));
        }
    }
}
