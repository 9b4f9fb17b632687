package dev.docent.web;

import dev.docent.assistant.Docent;
import dev.docent.assistant.DocentConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.web.api.AccessGate;
import dev.docent.web.api.DocentApp;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;

/**
 * A real Docent (embedder, indexer, Lucene on disk, SQLite) serving HTTP on an ephemeral port of
 * 127.0.0.1 over a copy of a folder, exactly as {@code serve} wires it: requests need the owner's
 * token ({@code DATA/api-token}) unless the config says otherwise, so {@link #get}, {@link #post} and
 * {@link #request} send it, and browsers open the page through {@link #loginUrl}.
 */
public final class RunningDocent implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    public final Docent docent;
    public final Javalin app;
    public final Path folder;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final AccessGate gate;

    public RunningDocent(Path source, Path tmp) throws IOException {
        this(source, tmp, c -> c);
    }

    public RunningDocent(Path source, Path tmp, java.util.function.UnaryOperator<DocentConfig> tweak) throws IOException {
        this.folder = tmp.resolve("docs");
        copyTree(source, folder);
        DocentConfig config = tweak.apply(DocentConfig.defaults().withDataDir(tmp.resolve("data")).withPort(0));
        this.docent = Docent.open(config);
        this.gate = AccessGate.forConfig(config, null, System.err);
        this.app = DocentApp.create(docent, gate).start("127.0.0.1", 0);
        docent.watch(List.of(folder));
    }

    public static Path repoRoot() {
        String root = System.getProperty("docent.repo.root");
        return (root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath().normalize();
    }

    /** The real tiny llama model the engine tests use (a story writer, not a chat model). */
    public static Path storiesModel() {
        return repoRoot().resolve("llm-engine/src/test/resources/models/stories260K.gguf");
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    /** The owner's token ({@code DATA/api-token}), or null when none is required. */
    public String token() {
        try {
            return gate.requiresToken() ? Files.readString(gate.tokenFile()).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request to {@code path} carrying the owner's token, as a script sends it. */
    public HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(URI.create(base() + path));
        String token = token();
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    /** {@code path} (with its query, if any) as a one-time login link, the way a browser gets its session. */
    public String loginUrl(String path) {
        String code = gate.newLoginCode();
        return base() + path + (code == null ? "" : (path.contains("?") ? "&" : "?") + "login=" + code);
    }

    /** Waits until a sync has finished and nothing is pending; returns the final status. */
    public JsonNode awaitIndexed(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode s;
        do {
            Thread.sleep(300);
            s = JSON.readTree(get("/api/status").body());
        } while ((s.get("indexing").asBoolean() || s.get("documents").get("pending").asInt() > 0
                || s.get("documents").get("indexed").asInt() + s.get("documents").get("failed").asInt() == 0)
                && System.nanoTime() < deadline);
        return s;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // with its modification time: tests that ask about "changed last week" set it on the source
                Files.copy(file, to.resolve(from.relativize(file).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() {
        app.stop();
        docent.close();
    }

    public static void deleteQuietly(Path p) {
        try {
            if (Files.exists(p)) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
