package dev.docent.cli;

import dev.docent.assistant.ModelNames;
import dev.docent.web.RunningDocent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docent models pull} against a real HTTP server on an ephemeral port that serves the tiny
 * GGUF as a Hugging Face-style server does (a redirect from {@code /REPO/resolve/main/FILE} to the
 * file, the sha256 in {@code X-Linked-ETag} on the redirect, Range requests honoured): a whole
 * download, a resumed one after the server dropped the connection half-way, a corrupt one
 * refused and removed, and a missing file.
 */
class ModelPullTest {

    @TempDir
    Path tmp;
    HttpServer server;
    byte[] model;
    String sha;
    /** The sha256 the server announces (a wrong one makes a corrupt download; null: none, as some mirrors do). */
    volatile String announced;
    /** Requests for the file that are cut off half-way, counting down. */
    volatile int dropsLeft;
    final List<String> ranges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        model = Files.readAllBytes(RunningDocent.storiesModel());
        sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model));
        announced = sha;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/someone/tiny-GGUF/resolve/main/tiny-q8.gguf")) {
            if (announced != null) ex.getResponseHeaders().add("X-Linked-ETag", "\"" + announced + "\"");
            ex.getResponseHeaders().add("Location", "/files/tiny-q8.gguf");
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        if (!path.equals("/files/tiny-q8.gguf")) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(String.valueOf(range));
        int from = 0;
        if (range != null) {
            Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(range);
            if (m.matches()) from = Integer.parseInt(m.group(1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (model.length - 1) + "/" + model.length);
        }
        ex.getResponseHeaders().add("ETag", "\"not-a-sha\"");
        ex.sendResponseHeaders(range != null ? 206 : 200, model.length - from);
        OutputStream out = ex.getResponseBody();
        if (dropsLeft > 0) {
            dropsLeft--;
            out.write(model, from, (model.length - from) / 2);
            out.flush();
            // A handler that fails makes the JDK server close the connection: the client sees it end early.
            throw new IOException("connection dropped half-way on purpose");
        }
        out.write(model, from, model.length - from);
        ex.close();
    }

    private CliRun pull(String... extra) {
        var args = new java.util.ArrayList<>(List.of("models", "pull", "someone/tiny-GGUF/tiny-q8.gguf",
                "--base-url", "http://127.0.0.1:" + server.getAddress().getPort(), "--data", tmp.resolve("data").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path saved() {
        return tmp.resolve("data/models/tiny-q8.gguf");
    }

    private Path part() {
        return tmp.resolve("data/models/tiny-q8.gguf.part");
    }

    @Test
    void downloadsSaysItUsesTheNetworkChecksTheSha256AndTheModelIsThenFoundByName() throws Exception {
        CliRun r = pull();
        assertEquals(0, r.exit(), r.out() + r.err());
        String firstLine = r.out().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("This uses the network") && firstLine.contains("127.0.0.1:" + server.getAddress().getPort()),
                r.out());
        assertTrue(r.out().contains("sha256 " + sha + " (checked)"), r.out());
        assertArrayEquals(model, Files.readAllBytes(saved()));
        assertFalse(Files.exists(part()));
        try (var left = Files.list(saved().getParent())) {
            assertEquals(List.of("tiny-q8.gguf"), left.map(p -> p.getFileName().toString()).toList(), "leftovers");
        }
        assertEquals(List.of("null"), ranges);
        assertTrue(ModelNames.resolve("tiny-q8", tmp.resolve("data")).endsWith("tiny-q8.gguf"));

        CliRun again = pull();
        assertEquals(0, again.exit());
        assertTrue(again.out().contains("already there"), again.out());
        assertEquals(1, ranges.size(), "downloaded twice");
    }

    @Test
    void anInterruptedDownloadResumesWhereItStoppedWhenRunAgain() throws Exception {
        dropsLeft = 1;
        CliRun cut = pull();
        assertEquals(1, cut.exit(), cut.out());
        assertTrue(cut.err().contains("interrupted") && cut.err().contains("run the same command again to resume"), cut.err());
        assertFalse(Files.exists(saved()), "a partial file was put in place");
        long have = Files.size(part());
        assertTrue(have > 0 && have < model.length, "part: " + have);

        CliRun resumed = pull();
        assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
        assertEquals("bytes=" + have + "-", ranges.get(1), ranges.toString());
        assertTrue(resumed.out().contains("resumed at"), resumed.out());
        assertTrue(resumed.out().contains("sha256 " + sha + " (checked)"), resumed.out());
        assertArrayEquals(model, Files.readAllBytes(saved()));
        assertFalse(Files.exists(part()));
    }

    @Test
    void aDownloadWhoseSha256DiffersIsRefusedAndNotLeftAnywhere() throws Exception {
        announced = "0".repeat(64);
        CliRun r = pull();
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("sha256") && r.err().contains("corrupt"), r.err());
        assertFalse(Files.exists(saved()));
        assertFalse(Files.exists(part()), "the corrupt download was kept to be resumed");

        // The user's own --sha256 disagreeing with the server's: nothing is downloaded.
        announced = sha;
        CliRun mine = pull("--sha256", "1".repeat(64));
        assertEquals(1, mine.exit());
        assertTrue(mine.err().contains("check --sha256"), mine.err());
        assertEquals(1, ranges.size(), "the file was fetched although the sha256s disagree");
    }

    /**
     * A server that gives no sha256 (a plain mirror): the file is kept, since nothing says it is
     * wrong, but the output says plainly that it was NOT verified and how to verify it; the same
     * command with {@code --sha256} then checks the saved file without downloading it again, and a
     * wrong sha256 is a failure that says what to do. Before, the output said only "(the server gave
     * none to check against)", and a pull of a file already there ignored {@code --sha256}.
     */
    @Test
    void withoutASha256TheDownloadIsKeptMarkedUnverifiedAndCanBeCheckedAfterwards() throws Exception {
        announced = null;
        CliRun r = pull();
        assertEquals(0, r.exit(), r.out() + r.err());
        assertArrayEquals(model, Files.readAllBytes(saved()));
        assertTrue(r.out().contains("sha256 " + sha + " (NOT VERIFIED"), r.out());
        assertTrue(r.err().contains("NOT VERIFIED") && r.err().contains("--sha256"), r.err());
        assertFalse(r.out().contains("(checked)"), r.out());

        CliRun check = pull("--sha256", sha);
        assertEquals(0, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("sha256 " + sha + " (checked)"), check.out());
        assertEquals(1, ranges.size(), "checking the saved file downloaded it again");

        CliRun wrong = pull("--sha256", "2".repeat(64));
        assertEquals(1, wrong.exit(), wrong.out());
        assertTrue(wrong.err().contains("2".repeat(64)) && wrong.err().contains(sha) && wrong.err().contains("delete"), wrong.err());
        assertTrue(Files.exists(saved()), "a file the user may have put there was deleted");
        assertEquals(1, ranges.size());
    }

    @Test
    void aMissingFileOrAMissingBaseUrlSaysWhatToDo() throws Exception {
        CliRun missing = pull();
        assertEquals(0, missing.exit()); // the right file, to have one on disk
        CliRun notFound = CliRun.of("models", "pull", "someone/tiny-GGUF/nope.gguf", "--base-url",
                "http://127.0.0.1:" + server.getAddress().getPort(), "--data", tmp.resolve("data").toString());
        assertEquals(1, notFound.exit());
        assertTrue(notFound.err().contains("not found (HTTP 404)") && notFound.err().contains("case-sensitive"), notFound.err());
        assertFalse(Files.exists(tmp.resolve("data/models/nope.gguf.part")));

        CliRun noBase = CliRun.of("models", "pull", "someone/tiny-GGUF/tiny-q8.gguf", "--data", tmp.resolve("other").toString());
        assertEquals(2, noBase.exit());
        assertTrue(noBase.err().contains("models.base_url"), noBase.err());
    }
}
