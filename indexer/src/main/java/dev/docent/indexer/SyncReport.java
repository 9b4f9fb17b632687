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
 * @param reused files that took over the chunks of an indexed file with the same content (renames,
 *     moves, copies): no extraction, no embedding
 * @param embedded chunks the embedder computed; the others came from the embedding cache or a reused file
 */
public record SyncReport(int seen, int indexed, int failed, int unchanged, int removed, int chunks, Duration took,
        int reused, int embedded) {

    /** A report of a sync that reused nothing (and embedded every chunk it wrote). */
    public SyncReport(int seen, int indexed, int failed, int unchanged, int removed, int chunks, Duration took) {
        this(seen, indexed, failed, unchanged, removed, chunks, took, 0, chunks);
    }
}
