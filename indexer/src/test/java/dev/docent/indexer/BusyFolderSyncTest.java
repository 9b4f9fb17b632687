package dev.docent.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.indexer.crash.HashEmbedder;
import dev.docent.indexer.watch.FolderWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One busy file does not stop syncing (issue 18 item 15): a real watcher over real files syncs a
 * real index while a file is rewritten every 200 ms, or a hidden autosave file is, and never
 * stops being.
 */
class BusyFolderSyncTest {

    /** What the test allows between a change and the index showing it, with writes that never pause. */
    private static final Duration BOUND = Duration.ofSeconds(8);

    @Test
    void aFileWrittenEvery200msHoldsNoOtherChangeBack(@TempDir Path tmp) throws Exception {
        check(tmp, "busy.txt");
    }

    @Test
    void aHiddenAutosaveFileWrittenEvery200msHoldsNoChangeBack(@TempDir Path tmp) throws Exception {
        check(tmp, ".~report.txt.autosave");
    }

    private static void check(Path tmp, String busyName) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("keep.txt"), "The orchard keeps its apples in the cellar.");
        Files.writeString(docs.resolve("gone.txt"), "Zeppelins moor at the northern mast.");
        Path busy = docs.resolve(busyName);
        Files.writeString(busy, "version 0");
        Path fresh = docs.resolve("fresh.txt");
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), new HashEmbedder());
                FolderWatcher watcher = new FolderWatcher(List.of(docs), Duration.ofSeconds(30),
                        () -> indexer.sync(List.of(docs), SyncProgress.NONE))) {
            watcher.start();
            await(() -> indexed(indexer, docs.resolve("gone.txt")), Duration.ofSeconds(20), "first sync");
            AtomicInteger writes = new AtomicInteger();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Files.writeString(busy, "version " + writes.incrementAndGet() + " of a file saved all the time");
                        Thread.sleep(200);
                    }
                } catch (Exception stop) {
                    // interrupted: the test is over
                }
            });
            try {
                Thread.sleep(1500); // the writes are well under way
                Files.writeString(fresh, "Quinces ripen late in the walled garden.");
                Files.delete(docs.resolve("gone.txt"));
                long t0 = System.nanoTime();
                await(() -> indexed(indexer, fresh) && indexer.document(docs.resolve("gone.txt").toString()).isEmpty()
                        && indexer.search("zeppelins northern mast", null, 5).isEmpty(),
                        BOUND, "the new file indexed and the deleted one gone while " + busyName + " is written");
                long tookMillis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(writer.isAlive(), "the writes went on all along");
                assertEquals(fresh.toString(),
                        indexer.search("quinces walled garden", null, 1).getFirst().path());
                System.out.printf("%s: synced %d ms after the change, %d writes so far%n", busyName, tookMillis, writes.get());
            } finally {
                writer.interrupt();
                writer.join(5000);
            }
        }
    }

    private static boolean indexed(Indexer indexer, Path file) {
        return indexer.document(file.toString()).map(DocumentRecord::status).orElse(null) == DocumentStatus.INDEXED;
    }

    private static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + ": not within " + limit.toSeconds() + " s");
            Thread.sleep(50);
        }
    }
}
