package dev.docent.assistant;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds every passage of the user's documents (catalog, index, caches), so no
 * other local account may read it: the folder is 700, its files 600 (owner's bits only), whatever
 * the umask. New files get that from a process umask of 077, set before anything is created (SQLite
 * and Lucene create files with the umask's permissions, and offer no setting); files from an older
 * run with looser permissions are repaired on open, with a log line. A no-op where the file system
 * has no POSIX permissions (Windows keeps a per-user profile private by its ACLs).
 */
public final class PrivateDataDirectory {

    private static final Logger log = LoggerFactory.getLogger(PrivateDataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateDataDirectory() {}

    /** Creates {@code dir} (700) if needed, sets the umask to 077 and tightens what is already there. */
    public static void open(Path dir) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir);
            return;
        }
        restrictUmask();
        Files.createDirectories(dir);
        int repaired = tighten(dir);
        if (repaired > 0) {
            log.info("Made {} files and folders in {} private to this account (other accounts could read them)", repaired, dir);
        }
    }

    /**
     * Removes group and other permissions from {@code dir} and from the entries Docent keeps in it
     * (only those: a {@code --data} pointed at a folder holding other things leaves them alone).
     * Returns how many entries changed.
     */
    static int tighten(Path dir) throws IOException {
        int[] changed = {0};
        var visitor = new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!Files.getPosixFilePermissions(d).equals(OWNER_ONLY_DIR)) {
                    Files.setPosixFilePermissions(d, OWNER_ONLY_DIR);
                    changed[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) return FileVisitResult.CONTINUE; // a link's own mode means nothing
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
                if (perms.removeAll(OTHERS)) {
                    Files.setPosixFilePermissions(f, perms);
                    changed[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        };
        visitor.preVisitDirectory(dir, null);
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (isDocents(p.getFileName().toString())) Files.walkFileTree(p, visitor);
            }
        }
        return changed[0];
    }

    /** Names Docent creates in its data directory. */
    private static boolean isDocents(String name) {
        return name.startsWith("catalog.db") || name.startsWith("active-generation") || Set.of("index", "generations",
                "cache", "eval", "models", "logs", "tmp", "conversations.db").contains(name);
    }

    /**
     * libc's {@code umask(077)} through FFM: the JDK has no API for it, and every file SQLite,
     * Lucene and the caches create afterwards is then private from the first byte (a chmod after
     * creation would leave a window in which another account can open it).
     */
    private static void restrictUmask() {
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle umask = linker.downcallHandle(linker.defaultLookup().find("umask").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            int previous = (int) umask.invokeExact(0077);
            if ((previous & 0077) != 0077) log.debug("umask was {}, now 077", Integer.toOctalString(previous));
        } catch (Throwable e) {
            // Existing files are still repaired on every open; new ones will be at the next open.
            log.warn("Cannot set umask 077 ({}); files created in this run may be readable by other accounts until the next start", e.toString());
        }
    }
}
