package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip bombs the central directory does not show: refused before they are unpacked, whichever way
 * a parser would read the zip. Memory is bounded by counting what this thread allocates while
 * extracting (the JVM's own count): a guard that lets the bomb through to the parser allocates
 * the unpacked gigabyte and more; one that refuses it, a few megabytes.
 */
class ZipGuardTest {

    /** What extracting a refused bomb may allocate: buffers and Tika's start, not the unpacked part. */
    private static final long ALLOCATION_BOUND = 96L << 20;

    @Test
    void bombWithItsCentralDirectoryCutOffIsRefusedBeforeItIsUnpacked(@TempDir Path tmp) throws Exception {
        Path bomb = tmp.resolve("cut.docx");
        ZipBombs.write(bomb, 400);
        ZipBombs.cutCentralDirectory(bomb);
        System.out.printf("cut.docx: %.2f MB, unpacks to 400 MB%n", Files.size(bomb) / 1e6);
        assertRefused(bomb, "zip bomb: word/document.xml");
    }

    @Test
    void bombLeftOutOfTheCentralDirectoryIsRefused(@TempDir Path tmp) throws Exception {
        Path bomb = tmp.resolve("hidden.docx");
        ZipBombs.write(bomb, 400);
        ZipBombs.leaveOutOfCentralDirectory(bomb, "word/document.xml");
        assertRefused(bomb, "zip bomb: word/document.xml");
    }

    @Test
    void zipReadableNeitherWayIsRefusedAsUnreadable(@TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("broken.docx");
        ZipBombs.write(broken, 0); // no bomb: a docx with an empty body
        ZipBombs.cutCentralDirectory(broken);
        try (var f = new RandomAccessFile(broken.toFile(), "rw")) {
            f.setLength(f.length() - 20); // and into the last entry's data: a torn entry
        }
        assertRefused(broken, "archive unreadable: its central directory cannot be read");
    }

    @Test
    void zipWithoutItsCentralDirectoryWhoseEntriesReadCleanlyIsLeftToTheParser(@TempDir Path tmp) throws Exception {
        Path cut = tmp.resolve("cut-small.docx");
        ZipBombs.write(cut, 0); // no bomb: a docx with an empty body
        ZipBombs.cutCentralDirectory(cut);
        ZipGuard.check(cut); // no bomb, every entry read: the parser may try (and say what it makes of it)
    }

    private static void assertRefused(Path file, String reason) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var extractor = new TextExtractor();
        extractor.parser(); // Tika's start is not the file's
        long before = threads.getCurrentThreadAllocatedBytes();
        var e = assertThrows(ExtractionException.class, () -> extractor.extract(file));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.printf("%s: '%s' after %d MB allocated%n", file.getFileName(), e.getMessage(), allocated >> 20);
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
        assertEquals(false, e.retryable());
        assertTrue(allocated < ALLOCATION_BOUND, "allocated " + (allocated >> 20) + " MB extracting " + file.getFileName());
    }
}
