package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.watch.FileState;
import dev.docent.indexer.watch.WalkResult;
import dev.docent.retriever.lucene.ChunkIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one sync of one generation has to do, worked out from the walk and the catalog before any
 * file is read: the files to read (new, changed, left pending, or due for a retry), whose catalog
 * rows become pending now; the rows whose file is gone; and the indexed files whose chunks a file of
 * the same content may take over ({@link ChunkDonors}). Vanished files that cannot be renames
 * leave the index here, their rows with the batch's next commit.
 *
 * <p>Locking: none. It is made on the sync's thread, which {@link SyncWriter} runs under its sync
 * lock, and handed to that thread's {@link SyncRun}.
 *
 * @param work the files to read, each with its catalog record from before this sync (null if new)
 * @param donors whose chunks a file to read may take over
 * @param vanished how many catalog rows under the synced folders lost their file
 */
record SyncPlan(List<SyncRun.WorkItem> work, ChunkDonors donors, int vanished) {

    static SyncPlan of(Catalog catalog, ChunkIndex index, WalkResult walk, Clock clock, CommitBatch batch) {
        List<FileState> found = walk.files();
        List<DocumentRecord> vanished = vanished(catalog, walk.roots(), found);
        List<SyncRun.WorkItem> work = new ArrayList<>();
        Set<String> inWork = new HashSet<>();
        Set<Long> workSizes = new HashSet<>();
        Instant now = clock.instant();
        for (FileState f : found) {
            DocumentRecord r = catalog.find(f.path().toString()).orElse(null);
            if (r == null || r.status() == DocumentStatus.PENDING || r.size() != f.size()
                    || !r.modified().equals(f.modified()) || (r.retryAt() != null && !r.retryAt().isAfter(now))) {
                work.add(new SyncRun.WorkItem(f, r));
                inWork.add(f.path().toString());
                workSizes.add(f.size());
                catalog.put(pendingRecord(f, r));
            }
        }
        ChunkDonors donors = donors(catalog, index, vanished, inWork, workSizes, batch);
        return new SyncPlan(work, donors, vanished.size());
    }

    /** Catalog rows under the synced folders whose file the walk did not find. */
    private static List<DocumentRecord> vanished(Catalog catalog, List<Path> roots, List<FileState> found) {
        Set<String> present = new HashSet<>();
        for (FileState f : found) present.add(f.path().toString());
        List<DocumentRecord> out = new ArrayList<>();
        for (DocumentRecord r : catalog.all()) {
            Path p = Path.of(r.path());
            if (roots.stream().anyMatch(p::startsWith) && !present.contains(r.path())) out.add(r);
        }
        return out;
    }

    /**
     * The indexed files whose chunks a new file of the same content may take over. A vanished
     * file is kept (searchable under its old path until the sync ends) only if a file to read has
     * its size, so it may be the same file renamed or moved; every other vanished file leaves the
     * index now, its row with the next commit.
     */
    private static ChunkDonors donors(Catalog catalog, ChunkIndex index, List<DocumentRecord> vanished, Set<String> inWork,
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
            for (DocumentRecord r : catalog.all()) {
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
