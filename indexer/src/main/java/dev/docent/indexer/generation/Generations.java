package dev.docent.indexer.generation;

import dev.docent.indexer.halt.HaltPoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory's generations and the pointer that names the active one. The pointer file is
 * the one source of truth: it is only ever replaced whole (written to a temporary name, fsynced,
 * renamed over the old one, the directory fsynced), so after any crash it names either the old
 * generation or the new one, never something in between. Everything else (a generation being
 * built, one left over after a switch, a temporary pointer) is reconciled at open, never trusted.
 */
public final class Generations {

    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    /** The pointer file, in the data directory. */
    public static final String POINTER = "active-generation";
    private static final String TEMP_SUFFIX = ".tmp";

    private Generations() {}

    /** The generation the pointer names, if a pointer was written. */
    public static Optional<IndexGeneration> readPointer(Path dataDir) {
        Path file = dataDir.resolve(POINTER);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String dir = null;
        String recipe = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("dir=")) dir = line.substring(4).strip();
            else if (line.startsWith("recipe=")) recipe = line.substring(7).strip();
        }
        if (dir == null || recipe == null || !(dir.equals(IndexGeneration.ROOT) || dir.matches("generations/[0-9a-f]+"))) {
            throw new IllegalStateException(file + " is damaged (it names no generation); delete it and the data directory's"
                    + " generations/ folder, and Docent will re-index");
        }
        return Optional.of(new IndexGeneration(dir, Recipe.parse(recipe)));
    }

    /** Makes {@code g} the active generation, atomically and durably. */
    public static void writePointer(Path dataDir, IndexGeneration g) {
        Path file = dataDir.resolve(POINTER);
        Path temp = dataDir.resolve(POINTER + TEMP_SUFFIX);
        String text = "# The index generation that answers. Written by Docent; do not edit.\n"
                + "dir=" + g.name() + "\nrecipe=" + g.recipe().canonical() + "\n";
        try {
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                c.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                c.force(true);
            }
            HaltPoints.reach(HaltPoints.POINTER_TEMP_WRITTEN); // the old pointer still rules; open deletes the temp
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            HaltPoints.reach(HaltPoints.POINTER_RENAMED); // the new generation rules; open deletes the old one
            syncDirectory(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot switch the index generation in " + dataDir, e);
        }
    }

    /** Makes the rename durable; some platforms cannot open a directory, and need not. */
    private static void syncDirectory(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            log.debug("Cannot fsync {}: {}", dir, e.toString());
        }
    }

    /** Whether the data directory holds a catalog at the top (the first generation, or the layout of before). */
    public static boolean hasRootCatalog(Path dataDir) {
        return Files.isRegularFile(IndexGeneration.root(null).catalogFile(dataDir));
    }

    /**
     * The generation readers (ask, mcp) search: the pointer's, else the top-level one of a data
     * directory no writer has opened since generations came (its recipe then unknown, null).
     */
    public static IndexGeneration activeForReading(Path dataDir) {
        Optional<IndexGeneration> p = readPointer(dataDir);
        if (p.isPresent()) return p.get();
        if (hasRootCatalog(dataDir)) return IndexGeneration.root(null);
        throw new IllegalStateException("No index in " + dataDir + " yet: run ./docent index FOLDER first");
    }

    /**
     * Deletes what is not one of the generations in {@code keep}: a generation whose build was
     * abandoned for another recipe, the one a switch left behind, a temporary pointer.
     */
    public static void removeStale(Path dataDir, Set<IndexGeneration> keep) {
        Set<String> names = new java.util.HashSet<>();
        for (IndexGeneration g : keep) names.add(g.name());
        deleteQuietly(dataDir.resolve(POINTER + TEMP_SUFFIX));
        if (!names.contains(IndexGeneration.ROOT) && hasRootFiles(dataDir)) delete(dataDir, IndexGeneration.root(null));
        Path parent = dataDir.resolve(IndexGeneration.GENERATIONS_DIR);
        if (!Files.isDirectory(parent)) return;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent)) {
            for (Path d : dirs) {
                String name = IndexGeneration.GENERATIONS_DIR + "/" + d.getFileName();
                if (!names.contains(name)) {
                    log.info("Deleting index generation {}: not the active one nor the one being built", name);
                    deleteTree(d);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", parent, e.toString());
        }
    }

    private static boolean hasRootFiles(Path dataDir) {
        IndexGeneration root = IndexGeneration.root(null);
        return Files.exists(root.catalogFile(dataDir)) || Files.exists(root.indexDir(dataDir));
    }

    /**
     * Deletes a generation's files. Failures are logged, not thrown: whatever remains is stale
     * and the next open deletes it.
     */
    public static void delete(Path dataDir, IndexGeneration g) {
        log.info("Deleting index generation {} ({})", g.id(), g.name());
        if (g.isRoot()) {
            Path catalog = g.catalogFile(dataDir);
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                if (deleteQuietly(catalog.resolveSibling(catalog.getFileName() + suffix))) {
                    HaltPoints.reach(HaltPoints.GENERATION_DELETING);
                }
            }
            deleteTree(g.indexDir(dataDir));
        } else {
            deleteTree(g.dir(dataDir));
        }
    }

    /** Whether {@code p} was there and is deleted now. */
    private static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("Cannot delete {} (the next start tries again): {}", p, e.toString());
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    HaltPoints.reach(HaltPoints.GENERATION_DELETING); // part gone: the next open deletes the rest
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Cannot delete {} (the next start tries again): {}", dir, e.toString());
        }
    }
}
