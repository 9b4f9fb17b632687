package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;

/** Receives progress of a sync; called from the indexing thread, so keep it quick. */
public interface SyncProgress {

    /** The walk is done: {@code toProcess} of {@code seen} files are new or changed. */
    default void planned(int seen, int toProcess) {}

    /** One file is finished (indexed, failed or found unchanged by hash). */
    default void fileDone(int done, int toProcess, DocumentRecord record) {}

    SyncProgress NONE = new SyncProgress() {};
}
