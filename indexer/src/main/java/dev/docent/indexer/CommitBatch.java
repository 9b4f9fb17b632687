package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.halt.HaltPoints;
import dev.docent.indexer.publish.CatalogPublisher;
import dev.docent.indexer.publish.CatalogRow;
import dev.docent.retriever.DocumentIndex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalog changes held back until the Lucene commit that contains their chunks (or their
 * deletion) is durable, then written in ONE SQLite transaction with that commit's sequence
 * number. A crash before the Lucene commit loses both; a crash between the two leaves the index
 * ahead of the catalog, which {@link Reconciler} repairs at the next open (the file's row is
 * still pending or still lists a deleted file, so the next sync redoes it). The catalog is never
 * ahead of the index: a row says INDEXED only for chunks that survive a crash. The dates a file's
 * text mentions go in the same transaction as its row, so neither is ever there without the other.
 * On a shared index the committed rows are then published ({@link CatalogPublisher}): after the
 * catalog, so a published row never claims more than the catalog does.
 */
final class CommitBatch {

    private final Catalog catalog;
    private final DocumentIndex index;
    private final List<DocumentRecord> records = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    /** Text dates that replace the catalog's for these paths, with their records. */
    private final Map<String, List<LocalDate>> dates = new HashMap<>();

    /** Where committed rows are published (readers of a shared index); {@link CatalogPublisher#NONE} for none. */
    private final CatalogPublisher publisher;

    CommitBatch(Catalog catalog, DocumentIndex index) {
        this(catalog, index, CatalogPublisher.NONE);
    }

    CommitBatch(Catalog catalog, DocumentIndex index, CatalogPublisher publisher) {
        this.catalog = catalog;
        this.index = index;
        this.publisher = publisher;
    }

    /** A record whose text dates stay what the catalog (or this batch) has for its path. */
    void put(DocumentRecord r) {
        records.add(r);
    }

    /** A record with the dates its text mentions (empty: none, e.g. a failed file). */
    void put(DocumentRecord r, List<LocalDate> textDates) {
        records.add(r);
        dates.put(r.path(), List.copyOf(textDates));
    }

    /** The text dates of {@code path}: this batch's if it holds them, else the catalog's. */
    List<LocalDate> textDates(String path) {
        List<LocalDate> pending = dates.get(path);
        return pending != null ? pending : catalog.textDates(path);
    }

    /** Records a file as gone; its chunks must already be deleted from the index writer. */
    void delete(String path) {
        deleted.add(path);
    }

    /** Whether nothing was put or deleted since the last commit (the index then has nothing of this batch's either). */
    boolean isEmpty() {
        return records.isEmpty() && deleted.isEmpty() && dates.isEmpty();
    }

    /**
     * Commits the index, stamped with the next sequence number, then the catalog's share. The
     * named {@link HaltPoints} are the two in-between states a crash can leave: a prepared Lucene
     * commit (discarded at the next open) and a Lucene commit the catalog does not record yet.
     */
    void commit() {
        long sequence = Math.max(index.committedSequence(), catalogSequence(catalog)) + 1;
        index.prepareCommit(sequence);
        HaltPoints.reach(HaltPoints.LUCENE_PREPARED);
        index.commit();
        HaltPoints.reach(HaltPoints.LUCENE_COMMITTED);
        catalog.commitBatch(records, dates, deleted, sequence);
        if (publisher != CatalogPublisher.NONE) publish();
        records.clear();
        deleted.clear();
        dates.clear();
    }

    /** The rows this batch committed, as the catalog has them now (its text dates included), and its deletions. */
    private void publish() {
        HaltPoints.reach(HaltPoints.CATALOG_COMMITTED);
        Map<String, DocumentRecord> last = new LinkedHashMap<>();
        for (DocumentRecord r : records) last.put(r.path(), r);
        deleted.forEach(last::remove); // deletions run after the puts: the path is gone
        List<CatalogRow> put = new ArrayList<>(last.size());
        for (DocumentRecord r : last.values()) put.add(new CatalogRow(r, catalog.textDates(r.path())));
        publisher.committed(put, List.copyOf(deleted), () -> CatalogRow.allOf(catalog));
    }

    static long catalogSequence(Catalog catalog) {
        return catalog.meta(Catalog.INDEX_SEQUENCE).map(Long::parseLong).orElse(-1L);
    }
}
