package dev.docent.indexer;

import dev.docent.indexer.watch.SkippedPath;
import dev.docent.indexer.watch.WalkResult;
import java.util.List;

/**
 * A snapshot for status displays.
 *
 * @param indexed documents indexed
 * @param pending documents waiting
 * @param failed documents that failed
 * @param chunks chunks searchable; -1 when the index cannot be reached now
 * @param indexing whether a sync is running
 * @param done files finished in the running sync
 * @param toProcess files the running sync has to process
 * @param current file being processed, or null
 * @param skipped paths the last walk left out, with the reason (the first {@link WalkResult#MAX_SKIPPED})
 * @param skippedCount how many paths the last walk left out in all
 * @param throughput the running sync's queue, rate and time left; null when no sync runs
 * @param reading the file being extracted (ahead of {@code current}, which is being embedded), or null
 */
public record IndexStatus(int indexed, int pending, int failed, int chunks, boolean indexing, int done, int toProcess, String current,
        List<SkippedPath> skipped, int skippedCount, SyncThroughput throughput, Reading reading) {

    /**
     * A file being extracted.
     *
     * @param path the file
     * @param doing what a long extraction says it is doing ("OCR of page 3 of 40"), or null
     */
    public record Reading(String path, String doing) {}
}
