package dev.docent.indexer.publish;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reader's side: every owner's published rows, read incrementally. Each published change (a
 * row, or a deletion) carries its owner's sequence number, which only grows; an owner's mark says
 * up to which sequence its changes are all visible, and how many live rows it has then. A reader
 * that has applied an owner's changes up to {@code s} reads only those after {@code s}, and none
 * when the mark has not moved.
 */
public interface CatalogFeed {

    /** Every owner's mark, in one small read. */
    Map<String, Mark> marks();

    /**
     * {@code owner}'s changes with a sequence in ({@code after}, {@code upTo}], ordered by sequence
     * then path; for {@code after} &lt; 0 only its live rows (a reader that starts from nothing
     * needs no deletions).
     */
    List<Change> changes(String owner, long after, long upTo);

    /** The live row {@code owner} published for {@code path}, if any. */
    Optional<CatalogRow> row(String owner, String path);

    /** An owner's changes are all visible up to {@code sequence}; it had {@code liveRows} rows then. */
    record Mark(long sequence, int liveRows) {}

    /** One published change: {@code row} null means {@code path} was deleted. */
    record Change(String owner, long sequence, String path, CatalogRow row) {}
}
