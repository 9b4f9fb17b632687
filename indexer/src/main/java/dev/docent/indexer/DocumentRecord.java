package dev.docent.indexer;

import java.time.Instant;

/**
 * One file as the catalog knows it.
 *
 * @param path absolute, normalised path
 * @param size bytes at the last look
 * @param modified last-modified time at the last look
 * @param sha256 content hash (hex) of the version indexed or attempted, or null if not hashed yet
 * @param status pipeline status
 * @param error why it failed, or null
 * @param title document title once extracted, or null
 * @param pages page count (0 for unpaged formats)
 * @param chunks chunks in the index
 * @param indexedAt when it was last indexed or attempted, or null
 */
public record DocumentRecord(
        String path,
        long size,
        Instant modified,
        String sha256,
        DocumentStatus status,
        String error,
        String title,
        int pages,
        int chunks,
        Instant indexedAt) {}
