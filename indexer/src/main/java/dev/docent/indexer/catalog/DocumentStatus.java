package dev.docent.indexer.catalog;

/** Where a file stands in the indexing pipeline. */
public enum DocumentStatus {
    /** Seen, new or changed, not yet indexed. */
    PENDING,
    /** Its chunks are in the search index. */
    INDEXED,
    /** Could not be indexed; the record's error says why. */
    FAILED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
