package dev.docent.indexer;

/**
 * How a running sync is doing, measured: files left in its queue, what is done and failed, the
 * rate so far and the time left at that rate.
 *
 * @param queued files still to process
 * @param done files finished (indexed, failed, or unchanged by hash)
 * @param failed files of this sync that failed
 * @param chunks chunks written by this sync
 * @param seconds since the sync began processing
 * @param filesPerSecond files finished per second so far
 * @param chunksPerSecond chunks embedded and written per second so far
 * @param etaSeconds time left at the measured file rate, or -1 before the first file is done
 */
public record SyncThroughput(int queued, int done, int failed, int chunks, double seconds, double filesPerSecond,
        double chunksPerSecond, long etaSeconds) {

    static SyncThroughput measure(int done, int total, int failed, int chunks, long startedNanos) {
        double seconds = Math.max((System.nanoTime() - startedNanos) / 1e9, 1e-3);
        double files = done / seconds;
        int queued = Math.max(0, total - done);
        long eta = done == 0 ? -1 : Math.round(queued / files);
        return new SyncThroughput(queued, done, failed, chunks, seconds, files, chunks / seconds, eta);
    }
}
