package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.docent.assistant.DocentConfig;
import dev.docent.indexer.DocumentId;
import dev.docent.web.api.AccessGate;
import dev.docent.web.api.TokenFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 14: another account on this machine reaches 127.0.0.1 too, so by default every
 * request proves it is the owner's: {@code Authorization: Bearer} with the content of
 * {@code DATA/api-token} (mode 600), or the page's session cookie from a one-time login link.
 * Through the real routes: the API, the original files, conversations, {@code /mcp} and {@code /v1}.
 */
class AccessTokenTest {

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private static Path docs(Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
        return docs;
    }

    /** Every kind of route, each without and with the token; returns the statuses as "route status". */
    private static List<String> routes(RunningDocent server, String auth, String cookie) throws Exception {
        String id = DocumentId.of(server.folder.resolve("lily.txt").toRealPath().toString());
        List<HttpRequest.Builder> requests = List.of(
                HttpRequest.newBuilder(URI.create(server.base() + "/ask")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"What did Lily find?\"}")),
                HttpRequest.newBuilder(URI.create(server.base() + "/api/documents/" + id + "/file")),
                HttpRequest.newBuilder(URI.create(server.base() + "/api/conversations")),
                HttpRequest.newBuilder(URI.create(server.base() + "/api/status")),
                HttpRequest.newBuilder(URI.create(server.base() + "/v1/models")),
                HttpRequest.newBuilder(URI.create(server.base() + "/mcp")).header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(INIT)));
        List<String> out = new ArrayList<>();
        for (HttpRequest.Builder b : requests) {
            if (auth != null) b.header("Authorization", auth);
            if (cookie != null) b.header("Cookie", cookie);
            HttpRequest req = b.build();
            HttpResponse<String> res = server.http.send(req, HttpResponse.BodyHandlers.ofString());
            out.add(req.uri().getPath().replace(id, "ID") + " " + res.statusCode());
            if (res.statusCode() == 401) {
                assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), res.toString());
                String message = res.body();
                assertTrue(message.contains(server.gate.tokenFile().toString()) && message.contains("Authorization: Bearer"),
                        "the refusal says where the token is and how to send it: " + message);
            }
        }
        return out;
    }

    private static List<String> all(int status) {
        return List.of("/ask " + status, "/api/documents/ID/file " + status, "/api/conversations " + status, "/api/status " + status,
                "/v1/models " + status, "/mcp " + status);
    }

    @Test
    @Timeout(180)
    void everyRouteWantsTheOwnersTokenOrSessionAndTheLoginLinkWorksOnce(@TempDir Path tmp) throws Exception {
        try (var server = new RunningDocent(docs(tmp), tmp)) {
            server.awaitIndexed(Duration.ofMinutes(2));
            Path file = tmp.resolve("data/api-token");
            assertEquals(file, server.gate.tokenFile());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String token = server.token();
            assertTrue(token.matches("[A-Za-z0-9_-]{43,}"), "32+ random bytes, base64url: " + token);

            assertEquals(all(401), routes(server, null, null));
            assertEquals(all(401), routes(server, "Bearer " + "x".repeat(43), null));
            assertEquals(all(200), routes(server, "Bearer " + token, null));

            // The page itself: a sign-in page, not the app, and no session.
            var page = server.http.send(HttpRequest.newBuilder(URI.create(server.base() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, page.statusCode());
            assertTrue(page.body().contains("action=\"/login\"") && page.body().contains(file.toString()), page.body());
            assertEquals(401, server.http.send(HttpRequest.newBuilder(URI.create(server.base() + "/app.js")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "static files too");

            // The one-time link: a session cookie, then a redirect to the same address without the code.
            String link = server.loginUrl("/?q=red%20ball");
            var login = server.http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, login.statusCode(), login.body());
            assertEquals("/?q=red+ball", login.headers().firstValue("Location").orElse(""));
            String setCookie = login.headers().firstValue("Set-Cookie").orElse("");
            assertTrue(setCookie.startsWith("docent_session_" + server.app.port() + "=") && setCookie.contains("HttpOnly")
                    && setCookie.contains("SameSite=Strict"), setCookie);
            assertFalse(setCookie.contains(token), "the cookie is not the token");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            assertEquals(all(200), routes(server, null, cookie));
            var app = server.http.send(HttpRequest.newBuilder(URI.create(server.base() + "/")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, app.statusCode());
            assertTrue(app.body().contains("app.js"), "the page itself");
            assertEquals(all(401), routes(server, null, "docent_session_" + server.app.port() + "=forged"));

            var again = server.http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, again.statusCode(), "a login link works once");
            assertTrue(again.headers().firstValue("Set-Cookie").isEmpty());
            assertTrue(again.body().contains("used already"), again.body());

            // The sign-in form: the token pasted in gives a session; anything else does not.
            var form = HttpRequest.newBuilder(URI.create(server.base() + "/login")).header("Content-Type", "application/x-www-form-urlencoded");
            var wrong = server.http.send(form.copy().POST(HttpRequest.BodyPublishers.ofString("token=nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            var right = server.http.send(form.copy().POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, right.statusCode(), right.body());
            String formCookie = right.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            assertEquals(all(200), routes(server, null, formCookie));

            // Host/Origin checks stay, token or not.
            var foreign = server.http.send(server.request("/api/status").header("Origin", "https://evil.example").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, foreign.statusCode());
            var rebound = server.http.send(HttpRequest.newBuilder(URI.create(link.replaceFirst("\\?.*", "") + "?login="
                    + server.gate.newLoginCode())).header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, rebound.statusCode(), "a login link from a foreign page is refused");

            // Another account on this machine (we are root in CI): curl as nobody gets 401, and cannot read the token.
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/curl"))
                    && "root".equals(System.getProperty("user.name")), "needs root, setpriv and curl");
            assertEquals("401", asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", server.base() + "/api/conversations"));
            assertEquals("401", asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    server.base() + "/api/documents/" + DocumentId.of(server.folder.resolve("lily.txt").toRealPath().toString()) + "/file"));
            assertTrue(asNobody("cat", file.toString()).contains("Permission denied"), "the token file is the owner's");
            assertEquals("200", asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer " + token,
                    server.base() + "/api/conversations"), "(the check is the token, not the account)");
        }
    }

    private static String asNobody(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    @Test
    @Timeout(180)
    void requireTokenFalseIsOpenAsBefore(@TempDir Path tmp) throws Exception {
        try (var server = new RunningDocent(docs(tmp), tmp, c -> c.withRequireToken(false))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            assertFalse(Files.exists(tmp.resolve("data/api-token")), "no token is made");
            assertEquals(all(200), routes(server, null, null));
            var page = server.http.send(HttpRequest.newBuilder(URI.create(server.base() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            var foreign = server.http.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/status"))
                    .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, foreign.statusCode(), "the Host/Origin checks stay");
        }
        Path config = Files.writeString(tmp.resolve("docent.properties"), "server.require_token = false\n");
        assertFalse(DocentConfig.load(config).requireToken());
        assertTrue(DocentConfig.defaults().requireToken(), "on by default");
        assertTrue(DocentConfig.load(RunningDocent.repoRoot().resolve("config/docent.properties")).requireToken(), "and as shipped");
    }

    @Test
    void aTokenFileOthersCanReadIsMadePrivateWithANewTokenAndSaysSo(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path file = data.resolve(TokenFile.NAME);
        Files.writeString(file, "an-old-token-that-others-could-read\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        var err = new ByteArrayOutputStream();
        AccessGate gate = AccessGate.forConfig(DocentConfig.defaults().withDataDir(data), null, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(gate.requiresToken());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).strip();
        assertFalse(token.equals("an-old-token-that-others-could-read"), "a token others could read is replaced");
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains(file.toString()) && said.contains("rw-r--r--") && said.contains("readable by other accounts"), said);
        assertNotNull(gate.newLoginCode());

        // The file of serve --token-file is the user's: made private, kept, and the same warning.
        Path remote = Files.writeString(tmp.resolve("remote-token"), "a-remote-token-of-enough-length\n");
        Files.setPosixFilePermissions(remote, PosixFilePermissions.fromString("rw-rw-r--"));
        err.reset();
        assertEquals("a-remote-token-of-enough-length", TokenFile.ensure(remote, new PrintStream(err, true, StandardCharsets.UTF_8), false).value());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(remote)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("readable by other accounts"), err.toString(StandardCharsets.UTF_8));

        // A private file is read silently; a link in its place is refused.
        err.reset();
        assertEquals(token, TokenFile.ensure(file, new PrintStream(err, true, StandardCharsets.UTF_8), true).value());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        Path link = Files.createSymbolicLink(tmp.resolve("link-token"), remote);
        var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TokenFile.ensure(link, System.err, false));
        assertTrue(refused.getMessage().contains("not a regular file"), refused.getMessage());
    }
}
