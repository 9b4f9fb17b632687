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
 * @param attempts failed attempts in a row that may pass without the file changing (0 otherwise)
 * @param retryAt for such a failure (an I/O or embedding error, a file that changed while read):
 *     when a sync tries again; null for success and for failures of the content, which stand
 *     until the file changes
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
        Instant indexedAt,
        int attempts,
        Instant retryAt) {

    /** A record with no retry pending. */
    public DocumentRecord(String path, long size, Instant modified, String sha256, DocumentStatus status, String error,
            String title, int pages, int chunks, Instant indexedAt) {
        this(path, size, modified, sha256, status, error, title, pages, chunks, indexedAt, 0, null);
    }
}
