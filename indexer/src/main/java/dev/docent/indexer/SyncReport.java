package dev.docent.indexer;

import java.time.Duration;

/**
 * What one sync did.
 *
 * @param seen files found in the folders
 * @param indexed files (re-)indexed successfully
 * @param failed files that could not be indexed
 * @param unchanged files skipped because size, mtime or content hash showed no change
 * @param removed catalog entries dropped because their file is gone
 * @param chunks chunks written
 * @param took wall time
 */
public record SyncReport(int seen, int indexed, int failed, int unchanged, int removed, int chunks, Duration took) {}
