package dev.docent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --listen}: refused without a token file; with one, a real serve in a child JVM on
 * 0.0.0.0 admits requests that reach it through this machine's network address only with
 * {@code Authorization: Bearer}, on every route (UI API, /v1 through the OpenAI client, /mcp
 * through the MCP client); loopback wants the owner's token of {@code DATA/api-token} (or the
 * remote token), and serve prints a one-time login link for the page.
 */
class RemoteAccessTest {

    @Test
    void listeningBeyondLoopbackWithoutATokenFileIsRefusedBeforeAnythingStarts(@TempDir Path tmp) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("docs"));
        PrintStream err = System.err;
        var captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.run(new String[] {"serve", "--listen", "0.0.0.0", "--port", "0", "--data", tmp.resolve("data").toString(),
                    folder.toString()});
        } finally {
            System.setErr(err);
        }
        assertEquals(2, code);
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("--token-file"), captured.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(tmp.resolve("data")), "nothing was opened");
    }

    @Test
    @Timeout(150)
    void withATokenEveryRouteWantsItFromAfarAndLoopbackWantsTheOwnersToken(@TempDir Path tmp) throws Exception {
        Optional<InetAddress> lan = lanAddress();
        assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to reach the server by");
        Path folder = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(folder.resolve("lily.txt"), "Lily found a red ball in the park.");
        Path tokenFile = tmp.resolve("secret/token");
        try (ChildDocent child = ChildDocent.start(List.of(), Map.of(), List.of(), List.of("serve", "--listen", "0.0.0.0",
                "--port", "0", "--token-file", tokenFile.toString(), "--data", tmp.resolve("data").toString(), folder.toString()))) {
            int port = child.awaitPort(Duration.ofSeconds(90));
            String token = Files.readString(tokenFile).strip();
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
            assertTrue(child.output().contains(token), "a new token is printed once");

            String remote = "http://" + lan.get().getHostAddress() + ":" + port;
            HttpClient http = HttpClient.newHttpClient();
            var none = http.send(HttpRequest.newBuilder(URI.create(remote + "/api/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode(), none.body());
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
            var wrong = http.send(HttpRequest.newBuilder(URI.create(remote + "/api/status")).header("Authorization", "Bearer " + "0".repeat(64))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            var right = http.send(HttpRequest.newBuilder(URI.create(remote + "/api/status")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, right.statusCode(), right.body());
            var local = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, local.statusCode(), "loopback needs the owner's token too (server.require_token)");
            Path apiToken = tmp.resolve("data/api-token");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(apiToken)));
            String own = Files.readString(apiToken).strip();
            assertFalse(child.output().contains(own), "the owner's token is never printed, only where it is");
            assertTrue(child.output().contains("Bearer $(cat " + apiToken + ")"), child.output());
            for (String t : List.of(own, token)) {
                var withToken = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                        .header("Authorization", "Bearer " + t).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, withToken.statusCode(), withToken.body());
            }
            // The page: the one-time link serve printed gives a session cookie, once.
            var link = java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:" + port + "/\\?login=[A-Za-z0-9_-]+").matcher(child.output());
            assertTrue(link.find(), child.output());
            var login = http.send(HttpRequest.newBuilder(URI.create(link.group())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, login.statusCode());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(link.group())).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "the link works once");

            var mcpNone = http.send(HttpRequest.newBuilder(URI.create(remote + "/mcp")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, mcpNone.statusCode(), "/mcp is behind the same gate");
            var transport = HttpClientStreamableHttpTransport.builder(remote).endpoint("/mcp")
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
            try (var mcp = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
                mcp.initialize();
                assertEquals(5, mcp.listTools().tools().size());
            }

            var openai = OpenAIOkHttpClient.builder().baseUrl(remote + "/v1").apiKey(token).maxRetries(0).build();
            var stranger = OpenAIOkHttpClient.builder().baseUrl(remote + "/v1").apiKey("not-the-token").maxRetries(0).build();
            try {
                assertEquals("docent", openai.models().list().data().getFirst().id());
                assertThrows(UnauthorizedException.class, () -> stranger.models().list());
            } finally {
                openai.close();
                stranger.close();
            }
        }
    }

    private static Optional<InetAddress> lanAddress() throws Exception {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
    }
}
