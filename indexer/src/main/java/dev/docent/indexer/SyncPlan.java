package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.catalog.FileStamp;
import dev.docent.indexer.watch.FileState;
import dev.docent.indexer.watch.WalkResult;
import dev.docent.retriever.DocumentIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one sync of one generation has to do, worked out from the walk and the catalog before any
 * file is read: the files to read (new, changed, left pending, or due for a retry), whose catalog
 * rows become pending now; the rows whose file is gone or whose folder is no longer watched; and the indexed files whose chunks a file of
 * the same content may take over ({@link ChunkDonors}). Vanished files that cannot be renames
 * leave the index here, their rows with the batch's next commit.
 *
 * <p>Locking: none. It is made on the sync's thread, which {@link SyncWriter} runs under its sync
 * lock, and handed to that thread's {@link SyncRun}.
 *
 * @param work the files to read, each with its catalog record from before this sync (null if new)
 * @param donors whose chunks a file to read may take over
 * @param vanished how many catalog rows lost their file or their watched folder
 */
record SyncPlan(List<SyncRun.WorkItem> work, ChunkDonors donors, int vanished) {

    /**
     * Compares the walk with the catalog's stamps (one statement for every row); only when a file
     * is new, changed, pending or due, or a row lost its file, are the full records read (once) and
     * the rows of the files to read marked pending (in one transaction). An unchanged file thus
     * costs no query, no write and no read of its content.
     */
    static SyncPlan of(Catalog catalog, DocumentIndex index, WalkResult walk, Clock clock, CommitBatch batch) {
        Instant now = clock.instant();
        Map<String, FileStamp> unseen = catalog.stamps(); // left with the rows the walk did not find
        List<FileState> toRead = new ArrayList<>();
        for (FileState f : walk.files()) {
            FileStamp s = unseen.remove(f.path().toString());
            if (s == null || !s.unchanged(f.size(), f.modified(), now)) toRead.add(f);
        }
        // A row the walk did not find is gone: its file was deleted, or its folder is no longer
        // watched (the folders given are all the folders, so their documents are forgotten); only
        // a watched folder that cannot be walked now (missing, unreadable) keeps its rows.
        List<String> gone = new ArrayList<>();
        for (String path : unseen.keySet()) {
            if (!walk.underUnavailable(Path.of(path))) gone.add(path);
        }
        if (toRead.isEmpty() && gone.isEmpty()) return new SyncPlan(List.of(), new ChunkDonors(), 0); // idle
        gone.sort(null); // in path order, as before: which vanished file donates is deterministic

        Map<String, DocumentRecord> records = new HashMap<>();
        for (DocumentRecord r : catalog.all()) records.put(r.path(), r);
        List<DocumentRecord> vanished = new ArrayList<>(gone.size());
        for (String path : gone) {
            DocumentRecord r = records.get(path);
            if (r != null) vanished.add(r); // only this sync writes rows: it is there
        }
        List<SyncRun.WorkItem> work = new ArrayList<>(toRead.size());
        List<DocumentRecord> pending = new ArrayList<>(toRead.size());
        Set<String> inWork = new HashSet<>();
        Set<Long> workSizes = new HashSet<>();
        for (FileState f : toRead) {
            DocumentRecord r = records.get(f.path().toString());
            work.add(new SyncRun.WorkItem(f, r));
            inWork.add(f.path().toString());
            workSizes.add(f.size());
            pending.add(pendingRecord(f, r));
        }
        catalog.putAll(pending);
        ChunkDonors donors = donors(records.values(), index, vanished, inWork, workSizes, batch);
        return new SyncPlan(work, donors, vanished.size());
    }

    /**
     * The indexed files whose chunks a new file of the same content may take over. A vanished
     * file is kept (searchable under its old path until the sync ends) only if a file to read has
     * its size, so it may be the same file renamed or moved; every other vanished file leaves the
     * index now, its row with the next commit.
     */
    private static ChunkDonors donors(Collection<DocumentRecord> records, DocumentIndex index, List<DocumentRecord> vanished,
            Set<String> inWork,
            Set<Long> workSizes, CommitBatch batch) {
        var donors = new ChunkDonors();
        Set<String> gone = new HashSet<>();
        for (DocumentRecord r : vanished) {
            gone.add(r.path());
            if (workSizes.contains(r.size())) {
                donors.offerVanished(r);
            }
            if (!donors.isVanished(r.path())) {
                index.deleteDocument(r.path());
                batch.delete(r.path()); // the row goes with the Lucene commit of the delete
            }
        }
        if (!workSizes.isEmpty()) {
            for (DocumentRecord r : records) {
                if (!gone.contains(r.path()) && !inWork.contains(r.path())) donors.offer(r);
            }
        }
        return donors;
    }

    private static DocumentRecord pendingRecord(FileState f, DocumentRecord old) {
        return new DocumentRecord(f.path().toString(), f.size(), f.modified(), old == null ? null : old.sha256(),
                DocumentStatus.PENDING, null, old == null ? null : old.title(), old == null ? 0 : old.pages(),
                old == null ? 0 : old.chunks(), old == null ? null : old.indexedAt(),
                old == null ? 0 : old.attempts(), old == null ? null : old.retryAt()).withMetadataOf(old);
    }
}
