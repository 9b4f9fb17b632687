package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.retriever.DocumentIndex;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes catalog and index agree when a writer opens them, whatever a crash (or an older Docent,
 * which wrote the catalog first) left: chunks whose file has no row (or a failed one) are
 * deleted; a file the catalog calls indexed whose chunks are missing or differ in number goes
 * back to pending with no hash, so the next sync reads it again. Costs one pass over the
 * index's path terms.
 */
final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private Reconciler() {}

    /** Reconciles and commits both; returns how many files were fixed (0 when they agreed). */
    static int reconcile(Catalog catalog, DocumentIndex index) {
        long indexSequence = index.committedSequence();
        long catalogSequence = CommitBatch.catalogSequence(catalog);
        Map<String, Integer> chunks = index.chunkCountsByPath();
        Set<String> rows = new HashSet<>();
        var batch = new CommitBatch(catalog, index);
        int requeued = 0;
        int orphans = 0;
        for (DocumentRecord r : catalog.all()) {
            rows.add(r.path());
            int inIndex = chunks.getOrDefault(r.path(), 0);
            if (r.status() == DocumentStatus.INDEXED && inIndex != r.chunks()) {
                batch.put(new DocumentRecord(r.path(), r.size(), r.modified(), null, DocumentStatus.PENDING, null,
                        r.title(), r.pages(), r.chunks(), null).withMetadataOf(r)); // its text dates stay
                requeued++;
            } else if (r.status() == DocumentStatus.FAILED && inIndex > 0) {
                index.deleteDocument(r.path());
                orphans++;
            }
        }
        for (String path : chunks.keySet()) {
            if (!rows.contains(path)) {
                index.deleteDocument(path);
                orphans++;
            }
        }
        if (requeued + orphans > 0 || indexSequence != catalogSequence) {
            batch.commit();
            log.info("Catalog and index reconciled (index commit {}, catalog at {}): {} file(s) re-queued, chunks of"
                    + " {} file(s) without an indexed row deleted", indexSequence, catalogSequence, requeued, orphans);
        }
        return requeued + orphans;
    }
}
