package dev.docent.indexer.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Words of a name ({@link NameWords}) narrow a query through the folded {@code name_key} column:
 * written with every row, filled in for the rows of a catalog from before it when a writer opens
 * it, and not narrowing at all (every row passes) in a read-only catalog that lacks it.
 */
class NameKeyTest {

    private static final NameWords MINUTES = new NameWords(List.of(Set.of("proces-verbal", "protokoll")), Set.of("eml"));

    private static DocumentRecord row(String path, String title) {
        return new DocumentRecord(path, 1, Instant.EPOCH, "h", DocumentStatus.INDEXED, null, title, 0, 1, Instant.EPOCH);
    }

    private static List<String> named(Catalog c) {
        return c.query(DocumentQuery.all().naming(MINUTES)).stream().map(r -> Path.of(r.path()).getFileName().toString()).toList();
    }

    @Test
    void aCatalogFromBeforeTheColumnGainsItWhenAWriterOpensIt(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("catalog.db");
        try (Catalog c = Catalog.open(file)) {
            c.commitBatch(List.of(row("/d/PROTOKOLL-März.pdf", null), row("/d/a.pdf", "Procès-verbal du 3 mars"),
                    row("/d/proces_verbal.txt", null), row("/d/mail.EML", null), row("/d/budget.pdf", "Budget"),
                    row("/protokolle/budget-2.pdf", "Budget")), List.of(), 1);
            assertEquals(List.of("PROTOKOLL-März.pdf", "a.pdf", "mail.EML", "proces_verbal.txt"), named(c));
        }
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            db.createStatement().execute("ALTER TABLE documents DROP COLUMN name_key"); // as before the column
        }
        try (Catalog c = Catalog.openReadOnly(file)) {
            assertEquals(6, named(c).size(), "without the column, names must not narrow (a superset), nor fail");
        }
        try (Catalog c = Catalog.open(file)) {
            assertEquals(List.of("PROTOKOLL-März.pdf", "a.pdf", "mail.EML", "proces_verbal.txt"), named(c));
        }
    }
}
