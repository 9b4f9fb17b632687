package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.retriever.lucene.ChunkIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Catalog changes held back until the Lucene commit that contains their chunks (or their
 * deletion) is durable, then written in ONE SQLite transaction with that commit's sequence
 * number. A crash before the Lucene commit loses both; a crash between the two leaves the index
 * ahead of the catalog, which {@link Reconciler} repairs at the next open (the file's row is
 * still pending or still lists a deleted file, so the next sync redoes it). The catalog is never
 * ahead of the index: a row says INDEXED only for chunks that survive a crash.
 */
final class CommitBatch {

    private final Catalog catalog;
    private final ChunkIndex index;
    private final List<DocumentRecord> records = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();

    CommitBatch(Catalog catalog, ChunkIndex index) {
        this.catalog = catalog;
        this.index = index;
    }

    void put(DocumentRecord r) {
        records.add(r);
    }

    /** Records a file as gone; its chunks must already be deleted from the index writer. */
    void delete(String path) {
        deleted.add(path);
    }

    /** Commits the index, stamped with the next sequence number, then the catalog's share. */
    void commit() {
        long sequence = Math.max(index.committedSequence(), catalogSequence(catalog)) + 1;
        index.commit(sequence);
        catalog.commitBatch(records, deleted, sequence);
        records.clear();
        deleted.clear();
    }

    static long catalogSequence(Catalog catalog) {
        return catalog.meta(Catalog.INDEX_SEQUENCE).map(Long::parseLong).orElse(-1L);
    }
}
