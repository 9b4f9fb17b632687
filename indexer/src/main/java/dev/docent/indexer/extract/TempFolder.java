package dev.docent.indexer.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where parsers put their temporary files: a folder of this process under the data directory,
 * not the shared temp folder, so other accounts never see a document's pieces in /tmp and what a
 * crash leaves behind is removed at the next start. Tika reads images (a .png, or one attached to
 * an e-mail or embedded in a document) through ImageIO, which caches each image stream in a
 * temporary file: that cache is pointed here.
 *
 * <p>Limit: files made with {@code Files.createTempFile} without a folder (Tika's
 * {@code TemporaryResources}, when a parser needs an embedded document as a file) go to the JDK's
 * {@code java.io.tmpdir}, which the JDK reads once at start-up: only a launch flag moves those.
 * ParserSandboxTest saw none in its files; ImageIO's cache was what appeared in /tmp.
 */
public final class TempFolder {

    private TempFolder() {}

    /**
     * Makes {@code root/PID} this process's temp folder, after deleting the folders of processes
     * that have ended (several Docents may share a data directory: serve, ask, mcp).
     */
    public static Path claim(Path root) {
        try {
            Files.createDirectories(root);
            try (Stream<Path> folders = Files.list(root)) {
                for (Path f : (Iterable<Path>) folders::iterator) {
                    String name = f.getFileName().toString();
                    if (name.matches("\\d{1,18}") && ProcessHandle.of(Long.parseLong(name)).isEmpty()) deleteTree(f);
                }
            }
            Path mine = Files.createDirectories(root.resolve(Long.toString(ProcessHandle.current().pid())));
            javax.imageio.ImageIO.setCacheDirectory(mine.toFile());
            return mine;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the temp folder " + root + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }
}
