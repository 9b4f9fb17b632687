package dev.docent.indexer.extract;

import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.SyncReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

/**
 * What the metadata of issue 17 costs at ingestion, as a share of the whole per-document pipeline.
 * Not a test. For every file under the folders given: the extra work per document — {@link
 * TextDates} over its pages, {@link DocumentLanguage}, and reading author and creation time (from
 * the PDF's document information, else from a Tika {@link Metadata} as the parser fills it) —
 * timed on its own (the mean of {@code ROUNDS} runs); then the same folders are indexed by a real sync with
 * the real embedder into a fresh data directory (nothing cached), the time the metadata is a share
 * of. Also printed: the share of extraction alone (TextExtractor without the embedder), the
 * harshest way to count. Arguments: FOLDER...
 */
public final class MetadataCostBench {

    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        List<Path> folders = new ArrayList<>();
        for (String a : args) folders.add(Path.of(a).toAbsolutePath().normalize());
        List<Path> files = new ArrayList<>();
        for (Path f : folders) {
            try (Stream<Path> s = Files.walk(f)) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        var extractor = new TextExtractor();
        extractor.extract(files.getFirst()); // Tika's start-up is not the documents' cost
        long extractNanos = 0;
        long metaNanos = 0;
        long datesNanos = 0;
        long languageNanos = 0;
        int documents = 0;
        int dates = 0;
        long characters = 0;
        for (Path file : files) {
            ExtractedDocument doc;
            long t0 = System.nanoTime();
            try {
                doc = extractor.extract(file);
            } catch (ExtractionException e) {
                continue;
            }
            extractNanos += System.nanoTime() - t0;
            documents++;
            characters += doc.characterCount();
            long sumDates = 0;
            long sumLanguage = 0;
            long sumMeta = 0;
            int found = 0;
            for (int r = 0; r < ROUNDS; r++) {
                long a = System.nanoTime();
                found = TextDates.in(doc.pages()).size();
                long b = System.nanoTime();
                DocumentLanguage.of(doc.pages());
                long c = System.nanoTime();
                sumMeta += metadataReads(file);
                sumDates += b - a;
                sumLanguage += c - b;
            }
            dates += found;
            datesNanos += sumDates / ROUNDS;
            languageNanos += sumLanguage / ROUNDS;
            metaNanos += sumMeta / ROUNDS;
        }
        long extra = datesNanos + languageNanos + metaNanos;
        System.out.printf("%d files, %d extracted (%,d characters, %d text dates)%n", files.size(), documents, characters,
                dates);
        System.out.printf("metadata per document: text dates %.3f ms, language %.3f ms, author/created reads %.3f ms;"
                + " total %.1f ms for all%n", datesNanos / 1e6 / documents, languageNanos / 1e6 / documents,
                metaNanos / 1e6 / documents, extra / 1e6);
        System.out.printf("extraction alone: %.1f s; metadata = %.2f%% of it%n", extractNanos / 1e9, 100.0 * extra / extractNanos);

        Path data = Files.createTempDirectory("docent-metadata-bench");
        try (var embedder = Embedders.defaultModel(2); Indexer indexer = Indexer.open(data, embedder)) {
            long t0 = System.nanoTime();
            SyncReport report = indexer.sync(folders, SyncProgress.NONE);
            long syncNanos = System.nanoTime() - t0;
            System.out.printf("whole pipeline (hash, extract, chunk, embed, write; fresh data directory): %.1f s for %d"
                    + " indexed files, %d chunks embedded; metadata = %.2f%% of it%n", syncNanos / 1e9, report.indexed(),
                    report.embedded(), 100.0 * extra / syncNanos);
        }
    }

    /** Reading author and creation time the way extraction does, for this file's format. */
    private static long metadataReads(Path file) throws Exception {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
            try (var pdf = Loader.loadPDF(file.toFile())) {
                long t0 = System.nanoTime();
                var info = pdf.getDocumentInformation();
                FileMetadata.author(info);
                FileMetadata.created(info);
                return System.nanoTime() - t0;
            } catch (java.io.IOException e) {
                return 0;
            }
        }
        Metadata m = new Metadata(); // as a parser leaves it: a creator and an ISO creation time
        m.add(TikaCoreProperties.CREATOR, "Ada Lovelace");
        m.set(TikaCoreProperties.CREATED, java.util.Date.from(Instant.parse("2021-06-30T08:15:00Z")));
        long t0 = System.nanoTime();
        FileMetadata.author(m);
        FileMetadata.created(m);
        return System.nanoTime() - t0;
    }
}
