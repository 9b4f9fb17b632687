package dev.docent.indexer.catalog;

import java.time.Instant;

/**
 * What a sync compares a walked file with: the catalog row's size, modification time, status and
 * retry time, without the rest of the record (a re-check of 100,000 unchanged files reads these
 * in one statement, {@link Catalog#stamps()}, and nothing else).
 *
 * @param size bytes, as recorded
 * @param modifiedMillis modification time in epoch milliseconds, as recorded
 * @param status where the file stands
 * @param retryAtMillis when a failure that may pass is due for another attempt, or {@link #NO_RETRY}
 */
public record FileStamp(long size, long modifiedMillis, DocumentStatus status, long retryAtMillis) {

    public static final long NO_RETRY = Long.MAX_VALUE;

    /** Whether a file of this size and modification time, found at {@code now}, needs no reading. */
    public boolean unchanged(long size, Instant modified, Instant now) {
        return status != DocumentStatus.PENDING && this.size == size && modifiedMillis == modified.toEpochMilli()
                && retryAtMillis > now.toEpochMilli();
    }
}
