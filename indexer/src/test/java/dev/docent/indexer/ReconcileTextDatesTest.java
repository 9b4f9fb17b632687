package dev.docent.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.catalog.DocumentQuery;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.retriever.lucene.ChunkIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a crash that left catalog and index apart, {@link Reconciler} puts a file whose chunks are
 * missing back to pending: it leaves the query's indexed documents with its row, its text dates
 * stay with the row (never a date without a row), and the next sync makes it indexed again with
 * the dates its text mentions. (CrashTest checks the same under kill -9.)
 */
class ReconcileTextDatesTest extends WithRealEmbedder {

    @Test
    void aRequeuedFileKeepsItsRowAndDatesTogether(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path a = docs.resolve("a.txt");
        Path b = docs.resolve("b.txt");
        Files.writeString(a, "The lease was signed on 2023-04-01 and ends on 31.03.2026, as the contract says.");
        Files.writeString(b, "The boiler was serviced on 5 May 2024 by the firm that installed it.");
        Path data = tmp.resolve("data");
        try (Indexer indexer = Indexer.open(data, embedder)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        // What a crash of an older Docent (catalog written before the index) could leave: a's chunks are gone.
        try (ChunkIndex index = ChunkIndex.open(data.resolve("index"))) {
            index.deleteDocument(a.toString());
            index.commit(index.committedSequence() + 1);
        }
        try (Indexer indexer = Indexer.open(data, embedder)) {
            DocumentRecord requeued = indexer.document(a.toString()).orElseThrow();
            assertEquals(DocumentStatus.PENDING, requeued.status());
            assertEquals("en", requeued.language(), "the re-queued row keeps its metadata");
            assertEquals(List.of(LocalDate.of(2023, 4, 1), LocalDate.of(2026, 3, 31)), indexer.textDates(a.toString()));
            DocumentQuery mentions2023 = DocumentQuery.all().mentioning(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1));
            assertEquals(0, indexer.count(mentions2023), "pending: not among the indexed documents");
            assertEquals(1, indexer.count(mentions2023.withStatus(DocumentStatus.PENDING)));

            indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(List.of(a.toString()), indexer.documents(mentions2023).stream().map(DocumentRecord::path).toList());
            assertEquals(List.of(LocalDate.of(2023, 4, 1), LocalDate.of(2026, 3, 31)), indexer.textDates(a.toString()));
            assertEquals(List.of(LocalDate.of(2024, 5, 5)), indexer.textDates(b.toString()));
        }
        // And a file deleted while the indexer was closed leaves with its dates at the next sync.
        Files.delete(b);
        try (Indexer indexer = Indexer.open(data, embedder)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
        }
        try (Catalog catalog = Catalog.openReadOnly(data.resolve("catalog.db"))) {
            assertEquals(List.of(), catalog.textDates(b.toString()));
            assertEquals(List.of(a.toString()), catalog.all().stream().map(DocumentRecord::path).toList());
        }
    }
}
