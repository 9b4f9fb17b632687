package dev.docent.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory is private whatever the umask was, and looser modes from before are repaired. */
class PrivateDataDirectoryTest {

    @Test
    void repairsLooserPermissionsAndCreatesNewFilesPrivate(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path catalog = Files.writeString(data.resolve("catalog.db"), "x");
        Path segment = Files.writeString(Files.createDirectories(data.resolve("index")).resolve("_0.cfs"), "x");
        Path notOurs = Files.writeString(data.resolve("notes.txt"), "x");
        for (Path f : new Path[] {catalog, segment, notOurs}) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.setPosixFilePermissions(data.resolve("index"), PosixFilePermissions.fromString("rwxr-xr-x"));

        PrivateDataDirectory.open(data);

        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(data.resolve("index")));
        assertEquals("rw-------", mode(catalog));
        assertEquals("rw-------", mode(segment));
        assertEquals("rw-r--r--", mode(notOurs), "a file Docent did not create is left alone");
        // The umask is now 077: what SQLite or Lucene create next is private from the first byte.
        assertEquals("rw-------", mode(Files.writeString(data.resolve("index").resolve("_1.cfs"), "y")));
        assertEquals("rwx------", mode(Files.createDirectories(data.resolve("cache").resolve("new"))));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
