package dev.docent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.SyncReport;
import dev.docent.indexer.catalog.DocumentQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades keep data (issue 21 item 4): a data directory written by an earlier release
 * ({@code src/test/resources/upgrade/VERSION/}, checked in, see its README) opens in this build
 * without re-indexing: {@code ask} answers from it before any sync, and a sync of its documents
 * extracts and embeds nothing. What "without re-indexing" allows: when a later release changes the
 * recipe (extraction, chunking, analysis), the first sync builds a new generation in the background
 * while the old one answers, and still embeds nothing (the embedding cache in the data directory
 * holds every vector); only another embedding model re-embeds.
 */
class UpgradeDataTest {

    private static final Path RELEASES = Path.of("src/test/resources/upgrade");

    @Test
    void aDataDirectoryOfEachEarlierReleaseAnswersAtOnceAndSyncsWithoutEmbedding(@TempDir Path tmp) throws Exception {
        List<Path> releases;
        try (Stream<Path> s = Files.list(RELEASES)) {
            releases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(releases.isEmpty(), "no checked-in data directory under " + RELEASES.toAbsolutePath());
        for (Path release : releases) {
            Path data = copy(release.resolve("data"), tmp.resolve(release.getFileName() + "/data"));
            Path docs = copy(release.resolve("docs"), tmp.resolve(release.getFileName() + "/docs"));

            // ask opens it read-only and answers from the index as it was written.
            CliRun ask = CliRun.of("ask", "--data", data.toString(), "--json", "How many days of annual leave do employees get?");
            assertEquals(0, ask.exit(), release + ": " + ask.err());
            assertTrue(ask.out().contains("27 days"), release + ": " + ask.out());
            assertTrue(ask.out().contains("leave-policy.md"), release + ": " + ask.out());

            try (var embedder = Embedders.defaultModel(1); Indexer indexer = Indexer.open(data, embedder)) {
                assertEquals(2, indexer.count(DocumentQuery.all()), release + ": the catalog's rows are kept");
                assertFalse(indexer.search("copper gate yellow helmet", null, 3).isEmpty(), release + ": answers before any sync");
                SyncReport report = indexer.sync(List.of(docs), SyncProgress.NONE);
                assertEquals(0, report.embedded(), release + ": nothing re-embedded: " + report);
                assertEquals(0, report.failed(), release + ": " + report);
                // The catalog names the files where the fixture was made; here they are elsewhere, so
                // they come back as moved: reused by their content hash, with their chunks and vectors.
                assertEquals(2, report.reused() + report.unchanged(), release + ": " + report);
                assertNull(indexer.generationStatus().rebuild(), release + ": no rebuild left pending: " + report);
            }
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }
}
