package dev.docent.assistant.documents;

import dev.docent.indexer.catalog.DocumentRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One page of the documents that pass a filter, with how many pass in all, over records in memory
 * (the MCP list_documents tool, whose folder and glob filters are not SQL); {@code GET
 * /api/documents} pages in SQLite instead ({@code Indexer.documents(...)}).
 *
 * @param matching documents that pass the filter (all pages)
 * @param documents those of this page, in catalog (path) order
 */
public record DocumentListing(int matching, List<DocumentRecord> documents) {

    /**
     * The documents of {@code all} with {@code status} that {@code match} accepts (null: any),
     * skipping the first {@code offset} and keeping at most {@code limit}.
     */
    public static DocumentListing of(List<DocumentRecord> all, DocumentFilter status, Predicate<DocumentRecord> match,
            int offset, int limit) {
        if (offset < 0 || limit < 0) throw new IllegalArgumentException("offset and limit must not be negative");
        List<DocumentRecord> page = new ArrayList<>(Math.min(limit, 1024));
        int matching = 0;
        for (DocumentRecord r : all) {
            if (!status.test(r) || (match != null && !match.test(r))) continue;
            if (matching >= offset && page.size() < limit) page.add(r);
            matching++;
        }
        return new DocumentListing(matching, List.copyOf(page));
    }
}
