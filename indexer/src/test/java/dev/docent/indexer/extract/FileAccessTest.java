package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-time checks on the real file system: each case ends in its own reason. */
class FileAccessTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aRegularFileInsideTheFolderIsHashedWithoutFollowingLinks(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "hello");
        var access = new FileAccess(List.of(dir), MB);
        var snapshot = access.check(file);
        assertEquals(5, snapshot.size());
        String expected = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest("hello".getBytes()));
        assertEquals(expected, access.sha256(file, snapshot));
        access.checkUnchanged(file, snapshot);
    }

    @Test
    void aLinkIsNotFollowedEvenToAFileInsideTheFolder(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("a.txt"), "hello");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        assertReason(FileAccess.SYMLINK, () -> new FileAccess(List.of(dir), MB).check(link));
    }

    @Test
    void aFileTooLargeIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.txt");
        try (var f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3 * MB);
        }
        var e = assertThrows(ExtractionException.class, () -> new FileAccess(List.of(dir), 2 * MB).check(big));
        assertTrue(e.getMessage().startsWith("too large: 3 MB (limit 2 MB"), e.getMessage());
        assertTrue(!e.retryable());
    }

    @Test
    void aFileThatGrowsOrIsReplacedWhileReadIsNoticed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("log.txt"), "first line\n");
        var access = new FileAccess(List.of(dir), MB);
        var snapshot = access.check(file);
        Files.writeString(file, "second line\n", StandardOpenOption.APPEND);
        assertReason("changed while it was being read; it will be read again", () -> access.sha256(file, snapshot));
        assertReason("changed while it was being read; it will be read again", () -> access.checkUnchanged(file, snapshot));
        Files.delete(file);
        assertReason("vanished while it was being read", () -> access.checkUnchanged(file, snapshot));
        assertReason("vanished before it could be read", () -> access.check(file));
    }

    @Test
    void anUnreadableFileSaysPermissionDenied(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("private.txt"), "mine");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        var access = new FileAccess(List.of(dir), MB);
        if (!Files.isReadable(file)) {
            var snapshot = access.check(file);
            assertReason("permission denied", () -> access.sha256(file, snapshot));
        } else {
            // Root reads every file whatever its mode (and CI runs as root): the AccessDeniedException
            // the JDK throws for EACCES is injected at the boundary instead.
            System.out.println("running as root: permission denied checked with an injected AccessDeniedException");
            var e = FileAccess.failure(new AccessDeniedException(file.toString()), true);
            assertEquals("permission denied", e.getMessage());
            assertTrue(e.retryable());
        }
    }

    private static void assertReason(String reason, org.junit.jupiter.api.function.Executable call) {
        var e = assertThrows(ExtractionException.class, call);
        assertEquals(reason, e.getMessage());
    }
}
