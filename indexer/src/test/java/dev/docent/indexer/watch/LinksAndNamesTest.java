package dev.docent.indexer.watch;

import static dev.docent.indexer.watch.Trees.files;
import static dev.docent.indexer.watch.Trees.found;
import static dev.docent.indexer.watch.Trees.skipped;
import static dev.docent.indexer.watch.Trees.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links, special files and unstorable names, through the real walker on real trees. */
class LinksAndNamesTest {

    @Test
    void aFolderArgumentThatIsALinkIsWalkedWhereItLeads(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        files(real, "a.txt", "sub/b.txt");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        WalkResult r = walk(link, true);
        assertEquals(List.of("a.txt", "sub/b.txt"), found(r, real));
        Path realPath = real.toRealPath();
        assertTrue(r.files().stream().allMatch(f -> f.path().startsWith(realPath)), r.toString());
        // Documents stored under the link's path (by an older Docent) are answered for too.
        assertTrue(r.roots().contains(link) && r.roots().contains(real.toRealPath()), r.roots().toString());
        assertEquals(0, r.skippedCount(), r.skipped().toString());
    }

    @Test
    void linksAreNeverFollowedAndThoseLeadingOutsideAreRecorded(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("watched"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        files(outside, "secret.txt", "dir/private.txt");
        files(root, "doc.txt", "sub/inner.txt");
        Files.createSymbolicLink(root.resolve("to-secret.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("to-outside-dir"), outside.resolve("dir"));
        Files.createSymbolicLink(root.resolve("sub/again.txt"), root.resolve("doc.txt")); // inside: found once
        Files.createSymbolicLink(root.resolve("sub/up"), root);                            // a loop if followed
        Files.createSymbolicLink(root.resolve("loop-a"), root.resolve("loop-b"));
        Files.createSymbolicLink(root.resolve("loop-b"), root.resolve("loop-a"));
        Files.createSymbolicLink(root.resolve("dangling.txt"), root.resolve("gone.txt"));

        WalkResult r = walk(root, true);
        assertEquals(List.of("doc.txt", "sub/inner.txt"), found(r, root));
        assertEquals(Map.of(
                "to-secret.txt", SkipReason.OUTSIDE,
                "to-outside-dir", SkipReason.OUTSIDE,
                "loop-a", SkipReason.LINK_LOOP,
                "loop-b", SkipReason.LINK_LOOP,
                "dangling.txt", SkipReason.BROKEN_LINK), skipped(r, root));
    }

    @Test
    void aLinkIntoAnotherWatchedFolderIsNotRecordedAndItsTargetIsFoundOnce(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        files(b, "shared.txt");
        Files.createSymbolicLink(a.resolve("shared.txt"), b.resolve("shared.txt"));
        // Nested watched folders too: each file once.
        WalkResult r = new FolderWalker(null, true).walk(List.of(a, b, b, tmp));
        assertEquals(List.of(b.toRealPath().resolve("shared.txt")), r.files().stream().map(FileState::path).toList());
        assertEquals(0, r.skippedCount(), r.skipped().toString());
    }

    @Test
    void specialFilesAreRecordedNotRead(@TempDir Path root) throws Exception {
        files(root, "doc.txt");
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).inheritIO().start();
        Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
                "SKIPPED: mkfifo is not available here");
        WalkResult r = walk(root, true); // would block forever if the walk opened the FIFO
        assertEquals(List.of("doc.txt"), found(r, root));
        assertEquals(Map.of("pipe", SkipReason.SPECIAL), skipped(r, root));
    }

    @Test
    void namesThatAreNotValidUtf8AreRecordedWithTheFix(@TempDir Path root) throws Exception {
        files(root, "good.txt", "café.txt");
        // Java cannot create such a name from a String, so the shell does: bad\xff.txt and a folder
        // named dir\xfe holding a file.
        Process touch = new ProcessBuilder("sh", "-c",
                "cd \"$1\" && touch \"$(printf 'bad\\377.txt')\" && mkdir \"$(printf 'dir\\376')\""
                        + " && touch \"$(printf 'dir\\376')/inner.txt\"", "sh", root.toString())
                .redirectErrorStream(true).start();
        String out = new String(touch.getInputStream().readAllBytes());
        Assumptions.assumeTrue(touch.waitFor(10, TimeUnit.SECONDS) && touch.exitValue() == 0,
                "SKIPPED: this file system refuses names that are not valid UTF-8: " + out);
        Assumptions.assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
                "SKIPPED: the JVM's file-name encoding is " + System.getProperty("sun.jnu.encoding") + ", not UTF-8");

        WalkResult r = walk(root, true);
        assertEquals(List.of("café.txt", "good.txt"), found(r, root));
        assertEquals(2, r.skippedCount(), r.skipped().toString());
        for (SkippedPath s : r.skipped()) {
            assertEquals(SkipReason.NOT_UTF8, s.reason(), s.toString());
            assertTrue(s.path().contains("\uFFFD"), s.path()); // how the bad byte shows, replaced
        }
    }
}
