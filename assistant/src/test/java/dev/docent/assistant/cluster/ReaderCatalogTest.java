package dev.docent.assistant.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.assistant.Docent;
import dev.docent.assistant.DocentConfig;
import dev.docent.assistant.IndexBackend;
import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.documents.CollectionDocument;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.catalog.DocumentQuery;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.opensearch.cluster.TestCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read-only server on a real 2-node cluster lists, filters and counts every writer's documents:
 * two writers split sample-corpus's invoices and records between them, and the reader's documents
 * list, catalog filters and collection questions ("How many invoices are from 2024?", "List all
 * invoices from 2025.", "Which documents were changed in the last 7 days?") see both writers'
 * documents; a file one writer deletes leaves the reader's list and counts at its next mirror poll.
 */
class ReaderCatalogTest {

    private static final Path RECORDS = Path.of("..", "sample-corpus", "records");
    private static final List<String> TEAM_A = List.of("invoice-2024-02-calder-steel.md", "invoice-2024-03-orbit-sensors.md",
            "invoice-2024-05-kestrel-logistics.md", "invoice-2024-07-northwind-batteries.md", "invoice-2025-01-orbit-sensors.md",
            "purchase-order-2024-04-orbit-sensors.md", "minutes-2025-03-operations.md");
    private static final List<String> TEAM_B = List.of("invoice-2024-09-calder-steel.md", "invoice-2024-10-lumen-optics.md",
            "invoice-2024-12-kestrel-logistics.md", "invoice-2025-03-northwind-batteries.md", "invoice-2025-06-calder-steel.md",
            "invoice-2025-08-lumen-optics.md", "quote-2025-02-lumen-optics.md", "minutes-2025-06-operations.md");
    /** Changed two days ago; every other file sixty. */
    private static final Set<String> RECENT = Set.of("minutes-2025-06-operations.md", "invoice-2024-03-orbit-sensors.md");

    private static TestCluster cluster;

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        cluster = TestCluster.required();
    }

    private static DocentConfig config(Path data, String index) {
        List<URI> uris = java.util.Arrays.stream(cluster.hosts().split(",")).map(URI::create).toList();
        return DocentConfig.defaults().withDataDir(data).withIndex(new IndexBackend(IndexBackend.Kind.OPENSEARCH, uris, index, null));
    }

    private static Path folder(Path tmp, String name, List<String> files) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Instant now = Instant.now();
        for (String f : files) {
            Path copy = Files.copy(RECORDS.resolve(f), dir.resolve(f));
            Files.setLastModifiedTime(copy, FileTime.from(now.minus(Duration.ofDays(RECENT.contains(f) ? 2 : 60))));
        }
        return dir;
    }

    private static Set<String> names(List<CollectionDocument> docs) {
        return docs.stream().map(d -> Path.of(d.path()).getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> listed(Docent d) {
        return d.indexer().documents().stream().map(r -> Path.of(r.path()).getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> union(List<String> a, List<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<String> matching(Set<String> names, String prefix) {
        return names.stream().filter(n -> n.startsWith(prefix)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits (the mirror polls every few seconds) until {@code value} gives {@code expected}; returns how long it took. */
    private static <T> Duration await(T expected, Supplier<T> value) throws InterruptedException {
        long start = System.nanoTime();
        T last = value.get();
        while (!expected.equals(last) && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(200);
            last = value.get();
        }
        assertEquals(expected, last);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void theReadOnlyServerListsFiltersAndCountsEveryWritersDocuments(@TempDir Path tmp) throws Exception {
        String index = "docent-" + Long.toHexString(System.nanoTime());
        Path docsA = folder(tmp, "team-a", TEAM_A);
        Path docsB = folder(tmp, "team-b", TEAM_B);
        try (Docent a = Docent.open(config(tmp.resolve("a-data"), index));
                Docent b = Docent.open(config(tmp.resolve("b-data"), index))) {
            assertEquals(TEAM_A.size(), a.indexer().sync(List.of(docsA), SyncProgress.NONE).indexed());
            assertEquals(TEAM_B.size(), b.indexer().sync(List.of(docsB), SyncProgress.NONE).indexed());

            try (Docent reader = Docent.openSharedReader(config(tmp.resolve("reader-data"), index))) {
                Set<String> all = union(TEAM_A, TEAM_B);
                assertEquals(all, listed(reader), "the reader's documents list holds both writers' documents");
                assertEquals(all.size(), reader.indexer().status().indexed());
                // The rows carry what filters use: type, folder, chunk counts, the dates in the text.
                DocumentRecord fromB = reader.indexer().documents().stream()
                        .filter(r -> r.path().endsWith("invoice-2025-06-calder-steel.md")).findFirst().orElseThrow();
                assertEquals(b.indexer().document(fromB.path()).orElseThrow(), fromB, "the writer's row, field by field");
                assertEquals(b.indexer().textDates(fromB.path()), reader.indexer().textDates(fromB.path()));
                assertTrue(!reader.indexer().textDates(fromB.path()).isEmpty(), "the invoice's text names its dates");
                assertEquals(all.size(), reader.indexer().count(DocumentQuery.all().ofTypes(Set.of("md"))));
                assertEquals(TEAM_B.size(), reader.indexer().count(DocumentQuery.all().inFolder(docsB.toString())));

                Answer count2024 = reader.answerer().answer("How many invoices are from 2024?", 5, t -> {});
                assertEquals("collection", count2024.scope(), count2024.answer());
                Set<String> invoices2024 = matching(all, "invoice-2024-");
                assertEquals(7, invoices2024.size());
                assertEquals(invoices2024, names(count2024.documents()));
                assertTrue(count2024.answer().contains("7"), count2024.answer());

                Answer list2025 = reader.answerer().answer("List all invoices from 2025.", 5, t -> {});
                assertEquals(matching(all, "invoice-2025-"), names(list2025.documents()), list2025.answer());

                Answer recent = reader.answerer().answer("Which documents were changed in the last 7 days?", 5, t -> {});
                assertEquals(new TreeSet<>(RECENT), names(recent.documents()), recent.answer());

                // A writer deletes a file: gone from the reader's list and answers after its next poll.
                Files.delete(docsA.resolve("invoice-2024-02-calder-steel.md"));
                assertEquals(1, a.indexer().sync(List.of(docsA), SyncProgress.NONE).removed());
                all.remove("invoice-2024-02-calder-steel.md");
                Duration took = await(all, () -> listed(reader));
                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "the deletion took " + took);
                Answer after = reader.answerer().answer("How many invoices are from 2024?", 5, t -> {});
                assertEquals(6, after.documents().size(), after.answer());
            }
        }
    }
}
