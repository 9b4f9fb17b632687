package dev.docent.assistant.documents;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.indexer.catalog.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark, not a test: what one page of {@code GET /api/documents} costs the server with N
 * documents in the catalog: filtered and paged in SQLite, against reading every record and
 * filtering in Java (what the route did first). Run
 * after {@code ./mvnw -q -pl assistant -am test-compile} with the test class path
 * ({@code mvn dependency:build-classpath}):
 * {@code java -cp "assistant/target/test-classes:assistant/target/classes:CLASSPATH"
 * dev.docent.assistant.documents.DocumentListBench DIR [N]}.
 */
public final class DocumentListBench {

    private DocumentListBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            if (catalog.all().size() < n) {
                List<DocumentRecord> batch = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    boolean failed = i % 50 == 0;
                    batch.add(new DocumentRecord("/home/user/documents/folder-" + (i % 300) + "/report-" + i + ".pdf", 100_000 + i,
                            Instant.now(), "ab".repeat(32), failed ? DocumentStatus.FAILED : DocumentStatus.INDEXED,
                            failed ? "needs OCR: no text layer on its 3 scanned page(s)" : null, "Report " + i, 12, 30,
                            Instant.now()));
                }
                catalog.commitBatch(batch, List.of(), 1);
            }
            for (String q : new String[] {null, "report-9999"}) {
                for (DocumentFilter f : new DocumentFilter[] {DocumentFilter.ALL, DocumentFilter.FAILED, DocumentFilter.NEEDS_OCR}) {
                    long best = Long.MAX_VALUE;
                    int matching = 0;
                    long bestAll = Long.MAX_VALUE;
                    for (int round = 0; round < 5; round++) {
                        long t0 = System.nanoTime();
                        var page = catalog.page(f.status(), f == DocumentFilter.NEEDS_OCR, q, 0, 100);
                        best = Math.min(best, System.nanoTime() - t0);
                        matching = page.matching();
                        t0 = System.nanoTime(); // the baseline: every record read, filtered in Java
                        DocumentListing.of(catalog.all(), f, q == null ? null : r -> r.path().contains(q), 0, 100);
                        bestAll = Math.min(bestAll, System.nanoTime() - t0);
                    }
                    System.out.printf("%d documents, status=%s q=%s: %d matching, page of 100 in %.1f ms in SQLite,"
                            + " %.1f ms reading all (best of 5)%n", n, f.wireName(), q, matching, best / 1e6, bestAll / 1e6);
                }
            }
        }
    }
}
