package dev.docent.indexer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations of the repository and of the shared test data beside it. */
public final class TestPaths {

    private TestPaths() {}

    public static Path repoRoot() {
        String root = System.getProperty("docent.repo.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        return p.toAbsolutePath().normalize();
    }

    /** {@code ../shared} next to the repository (where CI puts it), or null if absent. */
    public static Path shared() {
        Path p = repoRoot().resolveSibling("shared");
        return Files.isDirectory(p) ? p : null;
    }
}
