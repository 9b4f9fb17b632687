package dev.docent.opensearch.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What a test JVM that died without its shutdown hook (kill -9, a crash) left behind: its nodes,
 * listed in the pid file. Only a listed pid whose command line is an OpenSearch node is killed, so a
 * reused pid is never hit.
 */
final class Orphans {

    private Orphans() {}

    static void killListed(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) return;
        for (String line : Files.readAllLines(pidFile)) {
            if (line.isBlank()) continue;
            ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(p -> {
                if (Node.isOpenSearch(p)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            });
        }
        Files.delete(pidFile);
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temporary folder: what cannot be deleted now is the OS's to clean
        }
    }
}
