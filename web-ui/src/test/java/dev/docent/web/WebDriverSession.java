package dev.docent.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Just enough of the W3C WebDriver protocol to drive Debian's headless Chromium through its
 * chromedriver: open a page, run a script, close. (Selenium would pull in its driver manager,
 * which tries to download drivers; four HTTP calls do not need it.)
 */
final class WebDriverSession implements AutoCloseable {

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;

    WebDriverSession(Path chromedriver, Path chromium, Path profile) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        base = "http://127.0.0.1:" + port;
        awaitReady();
        var args = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1200,900",
                "--user-data-dir=" + profile);
        JsonNode created = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch",
                Map.of("goog:chromeOptions", Map.of("binary", chromium.toString(), "args", args)))));
        session = created.get("value").get("sessionId").asText();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (call("GET", "/status", null).get("value").get("ready").asBoolean()) return;
            } catch (IOException notYet) {
                // driver still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromedriver did not start");
    }

    void open(String url) throws Exception {
        call("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    /** Runs {@code script} (a function body) in the page and returns its result. */
    JsonNode execute(String script) throws Exception {
        return call("POST", "/session/" + session + "/execute/sync", Map.of("script", script, "args", List.of())).get("value");
    }

    /** Saves what the page looks like now as a PNG (for the docs and for looking at a failure). */
    void screenshot(Path file) throws Exception {
        String png = call("GET", "/session/" + session + "/screenshot", null).get("value").asText();
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        java.nio.file.Files.write(file, java.util.Base64.getDecoder().decode(png));
    }

    /**
     * Opens Docent's page and waits for the live status to say "Up to date", then keeps every text
     * the status panel shows from then on in {@code window.statusTexts}.
     */
    void openAndRecordStatus(String url) throws Exception {
        open(url);
        if (!waitFor("return document.getElementById('status').innerText.includes('Up to date');", Duration.ofSeconds(20))) {
            throw new AssertionError("the status never said 'Up to date': "
                    + execute("return document.getElementById('status').innerText;"));
        }
        execute("""
                window.statusTexts = [];
                new MutationObserver(() => window.statusTexts.push(document.getElementById('status').innerText))
                  .observe(document.getElementById('status'), {childList: true, subtree: true, characterData: true});
                return null;""");
    }

    /** Polls {@code condition} (a function body returning a boolean) until true or the timeout. */
    boolean waitFor(String condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (execute(condition).asBoolean()) return true;
            Thread.sleep(100);
        }
        return false;
    }

    private JsonNode call(String method, String path, Object body) throws Exception {
        var req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        req = body == null ? req.method(method, HttpRequest.BodyPublishers.noBody())
                : req.method(method, HttpRequest.BodyPublishers.ofString(RunningDocent.JSON.writeValueAsString(body)));
        HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = RunningDocent.JSON.readTree(res.body());
        if (res.statusCode() != 200) throw new IllegalStateException("WebDriver " + path + ": " + res.body());
        return json;
    }

    @Override
    public void close() {
        try {
            if (session != null) call("DELETE", "/session/" + session, null);
        } catch (Exception ignored) {
            // the driver is killed below anyway
        } finally {
            driver.destroy();
        }
    }
}
