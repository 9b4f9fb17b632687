package dev.docent.cli;

import dev.docent.testkit.Required;

import dev.docent.web.RunningDocent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first promise, checked on a real process: {@code serve} indexes and answers while
 * strace records every connect and sendto of the JVM and all its threads. Nothing may go to a
 * non-loopback address, nothing may look up a name (port 53), a fresh HOME stays empty, the JVM's
 * temp folder is left as it was, and the data directory is private (700 / 600).
 */
// Longer than the build's 1-minute default: a whole serve run under strace.
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NoNetworkTest {

    /** An IPv4 or IPv6 socket address as strace prints it, with its port. */
    private static final Pattern INET = Pattern.compile(
            "sa_family=AF_INET6?, sin6?_port=htons\\((\\d+)\\).*?(?:inet_addr\\(\"([^\"]+)\"\\)|inet_pton\\(AF_INET6, \"([^\"]+)\")");

    @Test
    void serveIndexesAndAnswersWithoutNetworkOrWritesOutsideItsData(@TempDir Path tmp) throws Exception {
        Path strace = Path.of("/usr/bin/strace");
        Required.tool(Files.isExecutable(strace), "strace (Debian: strace), which the no-network check needs");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        Path data = tmp.resolve("data");
        Path docs = tmp.resolve("docs");
        RunningDocent.copyTree(RunningDocent.repoRoot().resolve("sample-corpus"), docs);
        Path trace = tmp.resolve("strace.txt");

        try (ChildDocent child = ChildDocent.start(
                List.of(strace.toString(), "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", trace.toString()),
                Map.of("HOME", home.toString(), "XDG_CACHE_HOME", "", "XDG_DATA_HOME", ""),
                List.of("-Duser.home=" + home, "-Djava.io.tmpdir=" + javaTmp),
                List.of("serve", "--port", "0", "--data", data.toString(), docs.toString()))) {
            int port = child.awaitPort(Duration.ofSeconds(60));
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            String auth = "Bearer " + Files.readString(data.resolve("api-token")).strip(); // made by serve
            JsonNode status;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            do {
                Thread.sleep(500);
                status = RunningDocent.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/status"))
                        .header("Authorization", auth).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            } while (status.get("documents").get("indexed").asInt() < 54 && System.nanoTime() < deadline);
            assertEquals(54, status.get("documents").get("indexed").asInt(), child.output());
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/ask"))
                    .header("Content-Type", "application/json").header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"How many days of annual leave do employees get?\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("27 days"), answer.body());
        }

        List<String> calls = Files.readAllLines(trace);
        List<String> outside = new ArrayList<>();
        int inet = 0;
        for (String line : calls) {
            Matcher m = INET.matcher(line);
            if (!m.find()) continue;
            inet++;
            String address = m.group(2) != null ? m.group(2) : m.group(3);
            boolean loopback = address.startsWith("127.") || address.equals("::1");
            if (!loopback || m.group(1).equals("53")) outside.add(line);
        }
        System.out.printf("no-network check: %d traced calls, %d to inet addresses, %d non-loopback or DNS%n",
                calls.size(), inet, outside.size());
        assertEquals(List.of(), outside, "network use outside loopback, or a DNS lookup");
        try (Stream<Path> left = Files.list(home)) {
            assertEquals(List.of(), left.toList(), "serve wrote into HOME");
        }
        try (Stream<Path> left = Files.list(javaTmp)) {
            assertEquals(List.of(), left.toList(), "serve left files in the JVM's temp folder");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.toList()) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                assertTrue(perms.endsWith("------"), f + " is readable by other accounts: " + perms);
            }
        }
    }
}
