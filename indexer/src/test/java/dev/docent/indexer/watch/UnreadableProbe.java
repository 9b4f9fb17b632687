package dev.docent.indexer.watch;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.SyncReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs in a child JVM that cannot ignore file permissions (see {@link UnreadableFolderTest}) and
 * prints what the real walker, watcher or indexer did, one fact per line.
 */
public final class UnreadableProbe {

    private UnreadableProbe() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[1]);
        switch (args[0]) {
            case "walk" -> print(root, new FolderWalker(null, true).walk(List.of(root)));
            case "sync" -> sync(root, Path.of(args[2]));
            case "watch" -> watch(root);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void print(Path root, WalkResult r) {
        r.files().forEach(f -> System.out.println("FILE " + root.relativize(f.path())));
        r.skipped().forEach(s -> System.out.println("SKIP " + root.relativize(Path.of(s.path())) + "\t" + s.reason()));
    }

    private static void sync(Path root, Path data) {
        try (Embedder embedder = Embedders.defaultModel(1); Indexer indexer = Indexer.open(data, embedder)) {
            SyncReport r = indexer.sync(List.of(root), SyncProgress.NONE);
            System.out.println("SEEN " + r.seen() + " INDEXED " + r.indexed() + " FAILED " + r.failed());
            indexer.status().skipped().forEach(s -> System.out.println("SKIP " + root.relativize(Path.of(s.path())) + "\t" + s.reason()));
        }
    }

    /** A watcher with a long period: a second run can only come from a file event. */
    private static void watch(Path root) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        FolderWatcher watcher = new FolderWatcher(List.of(root), Duration.ofMinutes(5), runs::incrementAndGet);
        watcher.start();
        await(() -> runs.get() >= 1);
        Files.writeString(root.resolve("readable/deeper/new.txt"), "A file created while watching.");
        await(() -> runs.get() >= 2);
        System.out.println("RUNS " + runs.get() + " ALIVE " + watcher.isAlive());
        watcher.close();
        watcher.join(Duration.ofSeconds(5));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(50);
    }
}
