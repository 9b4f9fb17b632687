package dev.docent.opensearch.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The OpenSearch server with the k-NN plugin, unpacked once from the zips Maven copied
 * ({@code docent.opensearch.dist}); the plugin is installed offline with the server's own
 * {@code opensearch-plugin install --batch file://...}. Kept between test runs (a marker file says
 * it is complete), so only the first run pays the ~200 MB unpack.
 */
final class Distribution {

    private static final String SERVER_ZIP = "opensearch.zip";
    private static final String KNN_ZIP = "opensearch-knn.zip";

    private Distribution() {}

    /**
     * The server's home, unpacked and with the plugin installed, in the system's temporary folder:
     * the nodes' user must be able to read it, and the build's folder may be in a home directory
     * others cannot enter. One home per pair of zips (by size), shared by every checkout; a file
     * lock keeps two test JVMs from unpacking it at once.
     */
    static Path installed() throws IOException {
        Path dist = Path.of(System.getProperty("docent.opensearch.dist", "target/opensearch-dist")).toAbsolutePath();
        Path server = dist.resolve(SERVER_ZIP), knn = dist.resolve(KNN_ZIP);
        if (!Files.isRegularFile(server) || !Files.isRegularFile(knn)) {
            throw new IllegalStateException("the OpenSearch zips are not in " + dist + ": the module's build copies them there"
                    + " (run the tests through ./mvnw, which fetches them from Maven Central)");
        }
        String stamp = Files.size(server) + "-" + Files.size(knn);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path home = tmp.resolve("docent-opensearch-" + stamp);
        Path done = tmp.resolve("docent-opensearch-" + stamp + ".complete");
        try (FileChannel lock = FileChannel.open(tmp.resolve("docent-opensearch-" + stamp + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            if (Files.exists(done)) return home;
            Orphans.deleteQuietly(home);
            unzipStrippingTopFolder(server, home);
            installPlugin(home, knn);
            readableByAll(home);
            Files.writeString(done, stamp);
            return home;
        }
    }

    /** The zip holds {@code opensearch-3.5.0/...}; its content goes straight into {@code home}. */
    private static void unzipStrippingTopFolder(Path zip, Path home) throws IOException {
        Files.createDirectories(home);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                String name = e.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) continue;
                Path target = home.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(home)) throw new IOException("zip entry outside its folder: " + name);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(z, target, StandardCopyOption.REPLACE_EXISTING);
                // java.util.zip drops the Unix modes: the launchers (bin/) must stay executable.
                if (name.substring(slash + 1).startsWith("bin/")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    /**
     * Lets every user read the home (and enter its folders, run its programs): the nodes' user
     * must, and a JVM whose umask a Docent set to 077 (cli's tests) unpacks it private.
     */
    private static void readableByAll(Path home) throws IOException {
        try (var paths = Files.walk(home)) {
            for (Path p : paths.toList()) {
                if (Files.isSymbolicLink(p)) continue;
                var perms = java.util.EnumSet.copyOf(Files.getPosixFilePermissions(p));
                perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_READ);
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
                if (Files.isDirectory(p) || perms.contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE)) {
                    perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE);
                    perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                }
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    private static void installPlugin(Path home, Path knnZip) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(home.resolve("bin/opensearch-plugin").toString(), "install", "--batch",
                knnZip.toUri().toString()));
        pb.environment().put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
        pb.redirectErrorStream(true);
        Path log = home.resolve("plugin-install.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("installing the k-NN plugin took over 3 minutes:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("opensearch-plugin install failed (" + p.exitValue() + "):\n" + Files.readString(log));
        }
    }
}
