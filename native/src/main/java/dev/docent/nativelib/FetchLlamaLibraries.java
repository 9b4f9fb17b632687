package dev.docent.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Build step: make sure this platform's pinned llama.cpp libraries are in the cache. Fetches the
 * npm package with the user's own npm client (so its registry settings apply and no host name
 * lives in this code), verifies the pinned sha256, checks the llama.cpp release recorded inside,
 * and unpacks only the shared libraries. Once done it never touches the network again.
 */
public final class FetchLlamaLibraries {

    private static final String COMPLETE = ".complete";

    private FetchLlamaLibraries() {}

    public static void main(String[] args) throws Exception {
        String configured = System.getProperty("docent.llama.dir", System.getenv("DOCENT_LLAMA_DIR"));
        if (configured != null && !configured.isBlank()) {
            System.out.println("[docent-native] using llama.cpp libraries from " + configured + " (DOCENT_LLAMA_DIR)");
            return;
        }
        String pkg = LlamaRelease.platformPackage(System.getenv("DOCENT_LLAMA_FLAVOUR"));
        Path dir = LlamaLibraries.cacheDir(pkg);
        String expected = LlamaRelease.sha256(pkg);
        if (Files.exists(dir.resolve(COMPLETE)) && Files.readString(dir.resolve(COMPLETE)).strip().equals(expected)) {
            System.out.println("[docent-native] llama.cpp " + LlamaRelease.release() + " (" + pkg + ") is in " + dir);
            return;
        }
        Path tgz;
        try {
            tgz = npmPack("@node-llama-cpp/" + pkg + "@" + LlamaRelease.npmVersion(), expected);
        } catch (IllegalStateException e) {
            if (!Boolean.getBoolean("docent.llama.optional")) throw e;
            // The launcher builds with this flag: Docent still runs, answering extractively.
            System.out.println("[docent-native] WARNING: llama.cpp libraries not fetched, so answers will be extractive"
                    + " (quoted passages) until they are: " + e.getMessage());
            return;
        }
        try {
            unpack(tgz, pkg, dir);
        } finally {
            discard(tgz);
        }
        Files.writeString(dir.resolve(COMPLETE), expected + "\n");
        System.out.println("[docent-native] fetched llama.cpp " + LlamaRelease.release() + " (" + pkg + ") into " + dir);
    }

    /**
     * Runs {@code npm pack SPEC} into a temp folder and returns the verified .tgz; the caller hands
     * it to {@link #discard} when done. On failure the temp folder is removed here.
     */
    static Path npmPack(String spec, String expectedSha256) throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("docent-npm");
        try {
            return npmPackInto(tmp, spec, expectedSha256);
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteFolder(tmp);
            throw e;
        }
    }

    /** Deletes a package {@link #npmPack} returned, and the temp folder it was packed into. */
    static void discard(Path tgz) throws IOException {
        deleteFolder(tgz.getParent());
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
        Files.deleteIfExists(folder);
    }

    private static Path npmPackInto(Path tmp, String spec, String expectedSha256) throws IOException, InterruptedException {
        String npm = System.getProperty("docent.npm",
                System.getProperty("os.name", "").toLowerCase().contains("win") ? "npm.cmd" : "npm");
        List<String> cmd = List.of(npm, "pack", spec, "--pack-destination", tmp.toString(), "--silent");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("npm is needed once to fetch llama.cpp's prebuilt libraries (" + spec
                    + "). Install Node.js 20+ with npm (Debian/Ubuntu: apt-get install nodejs npm; macOS: brew"
                    + " install node), or build with -Ddocent.llama.skip=true for extractive answers only,"
                    + " or set DOCENT_LLAMA_DIR to your own llama.cpp " + LlamaRelease.release() + " build.", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", cmd) + "' failed:\n" + output);
        }
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(tmp)) {
            s.filter(f -> f.toString().endsWith(".tgz")).forEach(files::add);
        }
        if (files.size() != 1) throw new IllegalStateException("npm pack produced " + files + ":\n" + output);
        String actual = sha256(files.getFirst());
        if (!actual.equals(expectedSha256)) {
            throw new IllegalStateException(spec + " has sha256 " + actual + " but " + expectedSha256
                    + " is pinned: refusing to use it");
        }
        return files.getFirst();
    }

    /** Extracts {@code package/bins/PKG/*} (shared libraries and build metadata) into {@code dir}. */
    static void unpack(Path tgz, String pkg, Path dir) throws IOException {
        Files.createDirectories(dir);
        String prefix = "package/bins/" + pkg + "/";
        String metadata = null;
        try (InputStream in = Files.newInputStream(tgz);
                var tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName();
                if (!e.isFile() || !name.startsWith(prefix) || name.substring(prefix.length()).contains("/")) continue;
                String file = name.substring(prefix.length());
                if (file.endsWith(".node")) continue; // the Node.js addon; Docent binds libllama directly
                Path target = dir.resolve(file);
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                if (file.equals("_nlcBuildMetadata.json")) metadata = Files.readString(target);
            }
        }
        String release = releaseOf(metadata);
        if (!LlamaRelease.release().equals(release)) {
            throw new IllegalStateException(tgz.getFileName() + " was built from llama.cpp " + release + ", not the pinned "
                    + LlamaRelease.release());
        }
    }

    /** The text of one file inside a .tgz, or null if it is not there. */
    static String readEntry(Path tgz, String name) throws IOException {
        try (InputStream in = Files.newInputStream(tgz);
                var tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The llama.cpp release recorded in a package's _nlcBuildMetadata.json. */
    static String releaseOf(String metadataJson) {
        if (metadataJson == null) return null;
        Matcher m = Pattern.compile("\"llamaCpp\"\\s*:\\s*\\{[^}]*\"release\"\\s*:\\s*\"([^\"]+)\"").matcher(metadataJson);
        return m.find() ? m.group(1) : null;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
