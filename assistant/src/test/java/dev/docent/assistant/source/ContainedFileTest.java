package dev.docent.assistant.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ContainedFile}: no link is followed anywhere below the watched folder, the folder itself may be one. */
class ContainedFileTest {

    @TempDir
    Path tmp;

    private static String read(SeekableByteChannel c) throws IOException {
        try (c) {
            ByteBuffer b = ByteBuffer.allocate(100);
            while (c.read(b) > 0) {
                // to the end
            }
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void opensAFileBelowTheFolderAndNothingALinkLeadsTo() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("docs/a/b"));
        Files.writeString(root.resolve("note.txt"), "inside");
        Path outside = Files.createDirectories(tmp.resolve("outside/b"));
        Files.writeString(outside.resolve("note.txt"), "OUTSIDE");
        Path docs = tmp.resolve("docs");
        Path file = docs.resolve("a/b/note.txt");
        assertEquals("inside", read(ContainedFile.open(file, List.of(docs))));

        // A parent folder swapped for a link to a folder outside: the same path now leads outside.
        Files.move(docs.resolve("a/b"), tmp.resolve("parked"));
        Files.createSymbolicLink(docs.resolve("a/b"), outside);
        assertEquals("OUTSIDE", Files.readString(file), "the path itself follows the link");
        assertThrows(IOException.class, () -> ContainedFile.open(file, List.of(docs)));
        // ... and the last name as a link
        Files.delete(docs.resolve("a/b"));
        Files.createDirectories(docs.resolve("a/b"));
        Files.createSymbolicLink(file, outside.resolve("note.txt"));
        assertThrows(IOException.class, () -> ContainedFile.open(file, List.of(docs)));
        // a FIFO is never opened (the open would block)
        Files.delete(file);
        new ProcessBuilder("mkfifo", file.toString()).start().waitFor();
        assertThrows(IOException.class, () -> ContainedFile.open(file, List.of(docs)));
        // outside every folder, and .. in the path
        assertThrows(IOException.class, () -> ContainedFile.open(outside.resolve("note.txt"), List.of(docs)));
        assertThrows(IOException.class, () -> ContainedFile.open(Path.of(docs + "/a/../../outside/b/note.txt"), List.of(docs)));
    }

    @Test
    void aWatchedFolderGivenAsALinkIsOpenedWhereItLeads() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real/sub"));
        Files.writeString(real.resolve("note.txt"), "inside");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
        // catalog paths are real paths; paths under the folder as given are accepted too
        assertEquals("inside", read(ContainedFile.open(tmp.resolve("real/sub/note.txt").toRealPath(), List.of(link))));
        assertEquals("inside", read(ContainedFile.open(link.resolve("sub/note.txt"), List.of(link))));
    }
}
