package dev.docent.indexer.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Catalog#page}: filters and counts in SQLite agree with the records' own view. */
class CatalogPageTest {

    private static DocumentRecord record(String name, DocumentStatus status, String error, String title, String note) {
        return new DocumentRecord("/docs/" + name, 10, Instant.EPOCH, null, status, error, title, 1, 1, Instant.EPOCH)
                .withNote(note);
    }

    private static List<String> names(DocumentPage p) {
        return p.documents().stream().map(r -> Path.of(r.path()).getFileName().toString()).toList();
    }

    @Test
    void statusNeedsOcrTextAndPagingAreAppliedInSqlAsTheRecordsSay(@TempDir Path tmp) {
        List<DocumentRecord> records = List.of(
                record("a-report.pdf", DocumentStatus.INDEXED, null, "Annual Report", null),
                record("b-scan.pdf", DocumentStatus.FAILED, "needs OCR: no text layer on its 2 scanned page(s); install"
                        + " tesseract-ocr", null, null),
                record("c-tika-scan.pdf", DocumentStatus.FAILED,
                        "no extractable text: the PDF has no text layer (a scan?); OCR it first", null, null),
                record("d-half.pdf", DocumentStatus.INDEXED, null, "Half", "1 scanned page needs OCR (install tesseract-ocr)"),
                record("e-halves.pdf", DocumentStatus.INDEXED, null, "Halves", "3 scanned pages need OCR (install tesseract-ocr)"),
                record("f-ocred.pdf", DocumentStatus.INDEXED, null, "Read", "text of 2 pages from OCR"),
                record("g-broken.docx", DocumentStatus.FAILED, "corrupt: not a zip file", null, null),
                record("h-waiting.txt", DocumentStatus.PENDING, null, null, null));
        try (Catalog c = Catalog.open(tmp.resolve("catalog.db"))) {
            c.commitBatch(records, List.of(), 1);
            List<String> ocr = records.stream().filter(DocumentRecord::needsOcr).map(r -> Path.of(r.path()).getFileName().toString()).toList();
            assertEquals(List.of("b-scan.pdf", "c-tika-scan.pdf", "d-half.pdf", "e-halves.pdf"), ocr);
            assertEquals(ocr, names(c.page(null, true, null, 0, 100)));
            assertEquals(List.of("b-scan.pdf", "c-tika-scan.pdf", "g-broken.docx"), names(c.page(DocumentStatus.FAILED, false, null, 0, 100)));
            assertEquals(List.of("d-half.pdf", "e-halves.pdf"), names(c.page(DocumentStatus.INDEXED, true, null, 0, 100)));
            assertEquals(List.of("h-waiting.txt"), names(c.page(DocumentStatus.PENDING, false, null, 0, 100)));
            // Text: in the path or the title, any case.
            assertEquals(List.of("a-report.pdf"), names(c.page(null, false, "ANNUAL", 0, 100)));
            assertEquals(List.of("d-half.pdf"), names(c.page(null, false, "half", 0, 100)));
            // Paging: the count is of all that match.
            DocumentPage page = c.page(null, false, null, 2, 3);
            assertEquals(8, page.matching());
            assertEquals(List.of("c-tika-scan.pdf", "d-half.pdf", "e-halves.pdf"), names(page));
            assertEquals(4, c.page(null, true, null, 3, 3).matching());
            assertEquals(1, c.page(null, true, null, 3, 3).documents().size());
        }
    }
}
