package dev.docent.cli;

import dev.docent.llm.ModelFinder;
import dev.docent.llm.ModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Downloads one GGUF file from a Hugging Face-style server ({@code BASE/REPO/resolve/main/FILE}):
 * into {@code FILE.part} beside the target, resumed with an HTTP Range request when a part is
 * already there, checked against a sha256 (the server's {@code X-Linked-ETag} or {@code ETag}
 * when that is one, or the user's), and renamed into place only when complete and correct. This is
 * the one place Docent downloads anything, and only when a user runs {@code docent models pull}.
 */
final class ModelDownload {

    /** A download that did not complete; the message says what happened and what to do. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    /** What was saved. */
    record Result(Path file, String sha256, long bytes, long resumedFrom, boolean checked) {}

    /** What a user asks for: {@code REPO/FILE.gguf}, REPO being {@code OWNER/NAME} (or a bare name). */
    record Spec(String repo, String file) {
        static Spec parse(String s) {
            String[] parts = s.strip().replaceAll("^/+|/+$", "").split("/");
            if (parts.length < 2 || !s.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
                throw new UsageException("give REPO/FILE.gguf, e.g. Qwen/Qwen2.5-3B-Instruct-GGUF/qwen2.5-3b-instruct-q4_k_m.gguf");
            }
            for (String p : parts) {
                if (p.isEmpty() || p.equals(".") || p.equals("..")) throw new UsageException("not a REPO/FILE.gguf: " + s);
            }
            int repoParts = parts.length == 2 ? 1 : 2;
            return new Spec(String.join("/", java.util.Arrays.copyOfRange(parts, 0, repoParts)),
                    String.join("/", java.util.Arrays.copyOfRange(parts, repoParts, parts.length)));
        }

        URI url(String base) {
            StringBuilder b = new StringBuilder(base.replaceAll("/+$", ""));
            for (String p : repo.split("/")) b.append('/').append(encode(p));
            b.append("/resolve/main");
            for (String p : file.split("/")) b.append('/').append(encode(p));
            return URI.create(b.toString());
        }

        String fileName() {
            return file.substring(file.lastIndexOf('/') + 1);
        }

        private static String encode(String segment) {
            return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** A transfer that delivers nothing for this long is given up (and can be resumed). */
    static final Duration STALL = Duration.ofSeconds(60);

    private final HttpClient http;
    private final ProgressBar progress;

    ModelDownload(ProgressBar progress) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.progress = progress;
    }

    /**
     * Downloads {@code url} to {@code target}.
     *
     * @param expectedSha256 the user's sha256 (lower-case hex), or null to take the server's
     */
    Result download(URI url, Path target, String expectedSha256) throws InterruptedException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        // Two pulls of one file at once would interleave their bytes in the part: the second one is refused.
        Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
        try (var lock = java.nio.channels.FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held;
            try {
                held = lock.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                held = null; // this very process is downloading it
            }
            if (held == null) {
                throw new Failure("another docent models pull is downloading " + target.getFileName() + " right now");
            }
            try {
                return download(url, target, part, expectedSha256);
            } finally {
                delete(lockFile);
            }
        } catch (IOException e) {
            throw new Failure("cannot write in " + target.getParent() + ": " + e.getMessage());
        }
    }

    private Result download(URI url, Path target, Path part, String expectedSha256) throws InterruptedException {
        long have = size(part);
        HttpResponse<InputStream> res = send(url, have, expectedSha256);
        int status = res.statusCode();
        String expected = expectedSha256 != null ? expectedSha256 : serverSha;
        if (status == 416 && have > 0) { // nothing left to send: the part may already be whole
            close(res);
            long total = res.headers().firstValue("Content-Range").map(ModelDownload::totalOf).orElse(-1L);
            if (total != have) {
                delete(part);
                throw new Failure("the partial download did not match the file on the server, so it was removed;"
                        + " run the same command again to start over");
            }
            return finish(part, target, expected, sha256Of(part), have, have);
        }
        if (status == 404) {
            close(res);
            throw new Failure("not found (HTTP 404): " + url + " — check REPO and FILE (names are case-sensitive)");
        }
        if (status == 401 || status == 403) {
            close(res);
            throw new Failure("the server refused (HTTP " + status + "): the repository may be gated or private, and Docent"
                    + " sends no credentials; download the file yourself into " + target.getParent());
        }
        if (status != 200 && status != 206) {
            close(res);
            throw new Failure("HTTP " + status + " from " + res.uri().getHost() + " for " + url);
        }
        long from = 0;
        if (status == 206) {
            from = res.headers().firstValue("Content-Range").map(ModelDownload::startOf).orElse(-1L);
            if (from != have) {
                close(res);
                delete(part);
                throw new Failure("the server resumed at the wrong place, so the partial download was removed;"
                        + " run the same command again to start over");
            }
        }
        long length = res.headers().firstValueAsLong("Content-Length").orElse(-1);
        long total = length < 0 ? -1 : from + length;
        checkRoom(target.getParent(), length);
        MessageDigest digest = sha256();
        if (from > 0) update(digest, part, from);
        long written = copy(res, part, from, total, digest);
        if (total >= 0 && written != total) {
            throw new Failure(interrupted(written, total, "the connection ended early"));
        }
        return finish(part, target, expected, HexFormat.of().formatHex(digest.digest()), written, from);
    }

    /**
     * Sends the request, following redirects here rather than in the client: the sha256 comes with
     * the first answer (a redirect to the file's storage), and a mismatch with the user's must stop
     * the download before it starts. A redirect from https to http is refused.
     */
    private HttpResponse<InputStream> send(URI url, long have, String expectedSha256) throws InterruptedException {
        URI at = url;
        String sha = null;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(at).timeout(Duration.ofSeconds(60)).header("User-Agent", "docent")
                    .GET();
            if (have > 0) req.header("Range", "bytes=" + have + "-");
            HttpResponse<InputStream> res;
            try {
                res = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new Failure("cannot reach " + at.getHost() + ": " + e.getMessage() + (have > 0
                        ? " (" + megabytes(have) + " already saved; run the same command again to resume)" : ""));
            }
            if (sha == null) sha = serverSha256(res).orElse(null);
            if (expectedSha256 != null && sha != null && !sha.equals(expectedSha256)) {
                close(res);
                throw new Failure("the server says this file's sha256 is " + sha + ", not the " + expectedSha256
                        + " you gave: check --sha256 (nothing was downloaded)");
            }
            var location = res.headers().firstValue("Location");
            if (res.statusCode() / 100 != 3 || location.isEmpty()) {
                serverSha = sha;
                return res;
            }
            close(res);
            URI next = at.resolve(location.get());
            if (hop >= 5) throw new Failure("too many redirects from " + url.getHost());
            if (at.getScheme().equals("https") && !"https".equals(next.getScheme())) {
                throw new Failure("refused a redirect from https to " + next.getScheme() + " (" + next.getHost() + ")");
            }
            if (!next.getHost().equalsIgnoreCase(at.getHost())) progress.note("Redirected to " + next.getHost());
            at = next;
        }
    }

    /** The sha256 the server gave on the last {@link #send}, from any of its answers, or null. */
    private String serverSha;

    /** Appends the body to {@code part} from {@code from}, feeding the digest and the progress bar. */
    private long copy(HttpResponse<InputStream> res, Path part, long from, long total, MessageDigest digest) {
        AtomicLong lastData = new AtomicLong(System.nanoTime());
        long done = from;
        long started = System.nanoTime();
        StandardOpenOption mode = from > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (InputStream in = res.body();
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            Thread watchdog = stallWatchdog(in, lastData);
            try {
                byte[] buf = new byte[1 << 16];
                long lastShown = 0;
                while (true) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (IOException e) {
                        throw new Failure(interrupted(done, total, stalled(lastData) ? "no data for " + STALL.toSeconds() + " s"
                                : e.getMessage() == null ? e.toString() : e.getMessage()));
                    }
                    if (n < 0) break;
                    lastData.set(System.nanoTime());
                    try {
                        out.write(buf, 0, n);
                    } catch (IOException e) {
                        throw new Failure(writeFailure(part, e, done, total));
                    }
                    digest.update(buf, 0, n);
                    done += n;
                    long now = System.nanoTime();
                    if (now - lastShown > 200_000_000L || done == total) {
                        lastShown = now;
                        progress.bytes(done, total, (done - from) / Math.max(1e-3, (now - started) / 1e9));
                    }
                }
            } finally {
                watchdog.interrupt();
            }
        } catch (IOException e) {
            throw new Failure(writeFailure(part, e, done, total));
        }
        return done;
    }

    /** Closes the body when nothing arrives for {@link #STALL}: a read blocked on a dead connection then fails. */
    private static Thread stallWatchdog(InputStream in, AtomicLong lastData) {
        return Thread.ofVirtual().name("docent-pull-watchdog").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    if (stalled(lastData)) {
                        in.close();
                        return;
                    }
                }
            } catch (InterruptedException | IOException e) {
                // done
            }
        });
    }

    private static boolean stalled(AtomicLong lastData) {
        return System.nanoTime() - lastData.get() > STALL.toNanos();
    }

    private Result finish(Path part, Path target, String expected, String actual, long bytes, long resumedFrom) {
        if (expected != null && !expected.equals(actual)) {
            delete(part);
            throw new Failure("the download is corrupt: its sha256 is " + actual + " but should be " + expected
                    + "; it was removed. Run the same command again to download it afresh");
        }
        ModelInfo info;
        try {
            info = ModelFinder.describe(part, "download", target.getFileName().toString());
        } catch (IOException e) {
            throw new Failure("cannot read the download " + part + ": " + e.getMessage());
        }
        if (info.problem() != null) {
            delete(part);
            throw new Failure("the downloaded file is not a usable GGUF model (" + info.problem() + "); it was removed");
        }
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new Failure("cannot move " + part + " to " + target + ": " + e.getMessage());
        }
        return new Result(target, actual, bytes, resumedFrom, expected != null);
    }

    /** The sha256 a response gives for the file: {@code X-Linked-ETag} (Hugging Face's, for large files) or an {@code ETag} that is one. */
    static Optional<String> serverSha256(HttpResponse<?> res) {
        for (String header : new String[] {"X-Linked-ETag", "ETag"}) {
            Optional<String> v = res.headers().firstValue(header)
                    .map(s -> s.replaceFirst("^W/", "").replace("\"", "").strip().toLowerCase(Locale.ROOT))
                    .filter(s -> SHA256.matcher(s).matches());
            if (v.isPresent()) return v;
        }
        return Optional.empty();
    }

    private static void checkRoom(Path dir, long needed) {
        if (needed <= 0) return;
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < needed + 64L * 1024 * 1024) {
                throw new Failure("not enough disk space in " + dir + ": the download needs " + megabytes(needed) + ", "
                        + megabytes(free) + " are free. Free some space, then run the same command again");
            }
        } catch (IOException e) {
            // cannot tell: try, and report a full disk if it happens
        }
    }

    private static String writeFailure(Path part, IOException e, long done, long total) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("No space left") || msg.contains("not enough space") || msg.contains("disk full")) {
            return "the disk is full (" + part.getParent() + ") after " + megabytes(done) + (total > 0 ? " of " + megabytes(total) : "")
                    + ": free some space, then run the same command again to resume";
        }
        return "cannot write " + part + ": " + msg;
    }

    private static String interrupted(long done, long total, String why) {
        return "the download was interrupted after " + megabytes(done) + (total > 0 ? " of " + megabytes(total) : "") + " ("
                + why + "); run the same command again to resume";
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static long startOf(String contentRange) { // "bytes 100-199/200"
        var m = Pattern.compile("bytes (\\d+)-").matcher(contentRange);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long totalOf(String contentRange) { // "bytes */200"
        var m = Pattern.compile("/(\\d+)\\s*$").matcher(contentRange);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, Path file, long bytes) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            long left = bytes;
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; left -= n) digest.update(buf, 0, n);
        } catch (IOException e) {
            throw new Failure("cannot read the partial download " + file + ": " + e.getMessage());
        }
    }

    /** The sha256 of a whole file, as lower-case hex. */
    static String sha256Of(Path file) {
        MessageDigest d = sha256();
        update(d, file, size(file));
        return HexFormat.of().formatHex(d.digest());
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // reported by the caller's message all the same
        }
    }

    private static void close(HttpResponse<InputStream> res) {
        try {
            res.body().close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
