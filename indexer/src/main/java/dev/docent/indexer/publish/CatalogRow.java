package dev.docent.indexer.publish;

import dev.docent.indexer.catalog.DocumentRecord;
import java.time.LocalDate;
import java.util.List;

/**
 * One catalog row as a writer publishes it: the record and the dates its text mentions (what
 * collection questions filter on besides the record's own fields).
 */
public record CatalogRow(DocumentRecord record, List<LocalDate> textDates) {

    public CatalogRow {
        textDates = List.copyOf(textDates);
    }

    /** Every row of {@code catalog}, in path order, with its text dates. */
    public static List<CatalogRow> allOf(dev.docent.indexer.catalog.Catalog catalog) {
        var dates = catalog.allTextDates();
        return catalog.all().stream().map(r -> new CatalogRow(r, dates.getOrDefault(r.path(), List.of()))).toList();
    }

    public String path() {
        return record.path();
    }
}
