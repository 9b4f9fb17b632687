package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.hostile.HostileParsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link ShutdownTest}, shaped like {@code docent serve}: it indexes a folder,
 * closes the indexer from a shutdown hook, and is then stopped with SIGTERM while its second
 * sync is stuck in a file whose parser never returns (see {@link HostileParsers}).
 * Arguments: DATA_DIR DOCS_DIR.
 */
public final class ShutdownChild {

    public static final String FIRST_SYNC_DONE = "FIRST-SYNC-DONE";
    public static final String CLOSED = "INDEXER-CLOSED-IN-MS ";

    private ShutdownChild() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path docs = Path.of(args[1]);
        Embedder embedder = Embedders.defaultModel(1);
        // A time limit far beyond the test: only shutdown can end the stuck extraction.
        Indexer indexer = Indexer.open(data, embedder, Chunker.DEFAULT_MAX_TOKENS, IndexingLimits.of(600, 200));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long t0 = System.nanoTime();
            indexer.close();
            System.out.println(CLOSED + (System.nanoTime() - t0) / 1_000_000);
            System.out.flush();
        }));
        indexer.sync(List.of(docs), SyncProgress.NONE);
        System.out.println(FIRST_SYNC_DONE);
        System.out.flush();
        Files.writeString(docs.resolve("stuck" + HostileParsers.HANG), "a file whose parser never returns");
        indexer.sync(List.of(docs), SyncProgress.NONE);
        Thread.sleep(Long.MAX_VALUE); // like serve: only a signal ends it
    }
}
