package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.DocumentId;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 16: the source viewer's {@code /file} while a parent folder of the document is
 * swapped, over and over, for a symbolic link to a folder outside the watched one (renames, as an
 * attacker with write access to the folder would do). The file is opened once without following
 * any link below the watched folder and served from that handle: never the outside file's content.
 * (Before, the check by name and the open by name were apart, and {@code NOFOLLOW_LINKS} guarded
 * only the last name: the outside file was served.)
 */
class SourceFileRaceTest {

    private static final String INSIDE = "Inside the watched folder: apple trees are pruned in late winter.\n";
    private static final String OUTSIDE = "OUTSIDE SECRET: the payroll password is hunter2, never show this.\n";

    @Test
    @Timeout(180)
    void aParentFolderSwappedForALinkNeverServesTheFileOutside(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(src.resolve("note.txt"), INSIDE);
        Path outside = Files.createDirectories(tmp.resolve("outside/sub"));
        Files.writeString(outside.resolve("note.txt"), OUTSIDE);
        Files.setPosixFilePermissions(outside.resolve("note.txt"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        AtomicBoolean paused = new AtomicBoolean();
        AtomicBoolean swapping = new AtomicBoolean(true);
        try (RunningDocent server = new RunningDocent(tmp.resolve("src"), tmp)) {
            server.awaitIndexed(Duration.ofMinutes(2));
            server.docent.indexer().pauseWhile(paused::get);
            paused.set(true); // the catalog keeps the document while its folder comes and goes
            Path sub = server.folder.resolve("sub");
            String id = DocumentId.of(sub.resolve("note.txt").toRealPath().toString());
            String path = "/api/documents/" + id + "/file";
            assertEquals(INSIDE, server.get(path).body());

            Path parked = tmp.resolve("parked");
            Path link = Files.createSymbolicLink(tmp.resolve("link"), outside);
            Thread swapper = Thread.ofPlatform().start(() -> {
                try {
                    while (swapping.get()) {
                        Files.move(sub, parked, StandardCopyOption.ATOMIC_MOVE);
                        Files.move(link, sub, StandardCopyOption.ATOMIC_MOVE); // sub is now a link to outside/sub
                        Thread.onSpinWait();
                        Files.move(sub, link, StandardCopyOption.ATOMIC_MOVE);
                        Files.move(parked, sub, StandardCopyOption.ATOMIC_MOVE);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Map<Integer, Integer> statuses = new TreeMap<>();
            int leaks = 0;
            int served = 0;
            try {
                for (int i = 0; i < 2500; i++) {
                    HttpResponse<String> res = server.http.send(server.request(path).build(),
                            HttpResponse.BodyHandlers.ofString());
                    statuses.merge(res.statusCode(), 1, Integer::sum);
                    if (res.body().contains("OUTSIDE SECRET")) leaks++;
                    if (res.statusCode() == 200 && res.body().equals(INSIDE)) served++;
                }
            } finally {
                swapping.set(false);
                swapper.join();
            }
            System.out.println("/file during swaps: statuses " + statuses + ", inside served " + served + ", outside " + leaks);
            assertTrue(Files.isDirectory(sub, java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertEquals(0, leaks, "the outside file was served " + leaks + " times; statuses " + statuses);
            assertTrue(served > 0, "the file itself was still served between swaps; statuses " + statuses);
            assertEquals(INSIDE, server.get(path).body());
            paused.set(false);
        }
    }
}
