package dev.docent.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.catalog.DocumentQuery;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata kept per document (author, creation time, language, the dates its text mentions) goes
 * through a real sync of real files into the catalog, follows a renamed file without a re-read,
 * leaves with a deleted one, and {@link Indexer#documents(DocumentQuery)} filters on it.
 */
class DocumentMetadataSyncTest extends WithRealEmbedder {

    private static final Instant PDF_CREATED = Instant.parse("2021-06-30T08:15:00Z");
    private static final Instant DOCX_CREATED = Instant.parse("2019-11-05T10:00:00Z");

    private static final String ENGLISH = """
            Minutes of the board meeting

            The board met on March 14, 2024 and agreed that the new warehouse opens on 2024-09-01.
            The previous review, which was held on 3 Sept. 2023, is closed. The next meeting is on 12/11/2024.
            Version 2.3.2024 of the stock software is not a date and neither is the amount of 14.03 EUR.
            """;
    private static final String GERMAN = """
            # Protokoll der Sitzung

            Die Sitzung fand am 14. März 2024 in Hamburg statt. Der Vorstand hat beschlossen, dass das neue Lager
            am 01.09.2024 eröffnet wird und dass die Prüfung vom 3. Dez. 2023 abgeschlossen ist. Es wurde auch
            über die Kosten gesprochen, die nicht in der Planung waren.
            """;
    private static final String FRENCH = """
            Compte rendu de la réunion

            La réunion s'est tenue le 1er mars 2024 à Lyon. Le conseil a décidé que le nouvel entrepôt ouvrira
            le 15 août 2024 et que les comptes de l'année sont arrêtés au 31/12/2023. Il a aussi été question des
            coûts qui ne sont pas dans le budget, et de la date du 5 févr. 2025 pour la prochaine réunion.
            """;

    @Test
    void metadataAndTextDatesRoundTripFollowARenameAndLeaveWithTheFile(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path minutes = docs.resolve("minutes.txt");
        Files.writeString(minutes, ENGLISH);
        Files.writeString(Files.createDirectories(docs.resolve("de")).resolve("protokoll.md"), GERMAN);
        Files.writeString(Files.createDirectories(docs.resolve("fr")).resolve("compte-rendu.txt"), FRENCH);
        Path pdf = docs.resolve("report.pdf");
        writePdf(pdf);
        Path docx = docs.resolve("letter.docx");
        writeDocx(docx);

        var counting = new CountingEmbedder(embedder);
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), counting)) {
            SyncReport first = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(5, first.indexed(), first.toString());

            DocumentRecord en = record(indexer, minutes);
            assertEquals("en", en.language());
            assertEquals(List.of(LocalDate.of(2023, 9, 3), LocalDate.of(2024, 3, 14), LocalDate.of(2024, 9, 1),
                    LocalDate.of(2024, 11, 12)), indexer.textDates(minutes.toString()));
            assertNull(en.author());
            assertNull(en.created());

            Path protokoll = docs.resolve("de/protokoll.md");
            assertEquals("de", record(indexer, protokoll).language());
            assertEquals(List.of(LocalDate.of(2023, 12, 3), LocalDate.of(2024, 3, 14), LocalDate.of(2024, 9, 1)),
                    indexer.textDates(protokoll.toString()));

            Path compteRendu = docs.resolve("fr/compte-rendu.txt");
            assertEquals("fr", record(indexer, compteRendu).language());
            assertEquals(List.of(LocalDate.of(2023, 12, 31), LocalDate.of(2024, 3, 1), LocalDate.of(2024, 8, 15),
                    LocalDate.of(2025, 2, 5)), indexer.textDates(compteRendu.toString()));

            DocumentRecord report = record(indexer, pdf);
            assertEquals("Ada Lovelace", report.author());
            assertEquals(PDF_CREATED, report.created());
            assertEquals("en", report.language());
            assertEquals(List.of(LocalDate.of(2022, 1, 17)), indexer.textDates(pdf.toString()));

            DocumentRecord letter = record(indexer, docx);
            assertEquals("Grace Hopper", letter.author());
            assertEquals(DOCX_CREATED, letter.created());
            assertEquals(List.of(LocalDate.of(2020, 2, 29)), indexer.textDates(docx.toString()));

            // Queries over what was kept.
            assertEquals(List.of(protokoll.toString()), paths(indexer, DocumentQuery.all().inLanguage("de")));
            assertEquals(List.of(protokoll.toString(), minutes.toString()),
                    paths(indexer, DocumentQuery.all().mentioning(LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 2))));
            assertEquals(List.of(protokoll.toString(), compteRendu.toString()), paths(indexer,
                    DocumentQuery.all().mentioning(LocalDate.of(2023, 12, 1), LocalDate.of(2024, 1, 1))));
            assertEquals(List.of(docx.toString(), pdf.toString()), paths(indexer,
                    DocumentQuery.all().created(Instant.parse("2019-01-01T00:00:00Z"), Instant.parse("2022-01-01T00:00:00Z"))));
            assertEquals(List.of(compteRendu.toString()), paths(indexer, DocumentQuery.all().inFolder(docs + "/fr/")));
            assertEquals(List.of(docx.toString(), pdf.toString()), paths(indexer, DocumentQuery.all().ofTypes(Set.of("PDF", ".docx"))));
            assertEquals(5, indexer.count(DocumentQuery.all().inFolder(docs.toString())));
            assertEquals(0, indexer.count(DocumentQuery.all().inFolder(docs + "/f")), "a folder is matched on a name boundary");

            // A rename takes the donor's chunks, metadata and dates: no extraction, no embedding.
            counting.takeCount();
            Path renamedPdf = Files.createDirectories(docs.resolve("archive")).resolve("report-2021.pdf");
            Files.move(pdf, renamedPdf);
            Path renamedMinutes = docs.resolve("minutes-2024.txt");
            Files.move(minutes, renamedMinutes);
            SyncReport renamed = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(2, renamed.reused(), renamed.toString());
            assertEquals(0, renamed.indexed(), renamed.toString());
            assertEquals(0, counting.takeCount());
            DocumentRecord moved = record(indexer, renamedPdf);
            assertEquals(report.author(), moved.author());
            assertEquals(report.created(), moved.created());
            assertEquals(report.language(), moved.language());
            assertEquals(List.of(LocalDate.of(2022, 1, 17)), indexer.textDates(renamedPdf.toString()));
            assertEquals(4, indexer.textDates(renamedMinutes.toString()).size());
            assertEquals("en", record(indexer, renamedMinutes).language());
            assertEquals(List.of(), indexer.textDates(pdf.toString()), "the old path's dates left with its row");
            assertFalse(indexer.document(pdf.toString()).isPresent());
            assertEquals(List.of(protokoll.toString(), renamedMinutes.toString()),
                    paths(indexer, DocumentQuery.all().mentioning(LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 2))));

            // A copy keeps them too, and so does a touch (same content, new mtime).
            Path copy = docs.resolve("de/protokoll-kopie.md");
            Files.copy(protokoll, copy);
            Files.setLastModifiedTime(renamedMinutes, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
            SyncReport copied = indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(1, copied.reused(), copied.toString());
            assertEquals(0, copied.indexed(), copied.toString());
            assertEquals(indexer.textDates(protokoll.toString()), indexer.textDates(copy.toString()));
            assertEquals(3, indexer.textDates(protokoll.toString()).size());
            assertEquals(4, indexer.textDates(renamedMinutes.toString()).size());
            assertEquals("en", record(indexer, renamedMinutes).language());
            assertEquals(2, indexer.count(DocumentQuery.all().inLanguage("de")));

            // An edit replaces the dates; a deletion takes them away.
            Files.writeString(renamedMinutes, ENGLISH.replace("March 14, 2024", "the first of April"));
            Files.delete(compteRendu);
            indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(3, indexer.textDates(renamedMinutes.toString()).size());
            assertFalse(indexer.textDates(renamedMinutes.toString()).contains(LocalDate.of(2024, 3, 14)));
            assertEquals(List.of(), indexer.textDates(compteRendu.toString()));
            assertEquals(0, indexer.count(DocumentQuery.all().inLanguage("fr")));
            assertEquals(List.of(copy.toString(), protokoll.toString()), paths(indexer,
                    DocumentQuery.all().mentioning(LocalDate.of(2024, 3, 14), LocalDate.of(2024, 3, 15))));
        }
    }

    @Test
    void aFailedFileKeepsNoDatesAndAStatusFilterFindsIt(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path file = docs.resolve("notes.txt");
        Files.writeString(file, "The audit of 2024-05-06 found nothing. It was done by the team that did the one before.");
        try (Indexer indexer = Indexer.open(tmp.resolve("data"), embedder)) {
            indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(List.of(LocalDate.of(2024, 5, 6)), indexer.textDates(file.toString()));
            Files.write(file, new byte[0]); // empty: fails for its content
            indexer.sync(List.of(docs), SyncProgress.NONE);
            assertEquals(DocumentStatus.FAILED, record(indexer, file).status());
            assertEquals(List.of(), indexer.textDates(file.toString()));
            assertEquals(0, indexer.count(DocumentQuery.all()));
            assertEquals(1, indexer.count(DocumentQuery.all().withStatus(DocumentStatus.FAILED)));
            assertEquals(1, indexer.count(DocumentQuery.all().withStatus(null)));
        }
    }

    private static DocumentRecord record(Indexer indexer, Path file) {
        Optional<DocumentRecord> r = indexer.document(file.toString());
        assertTrue(r.isPresent(), "no record of " + file);
        return r.get();
    }

    private static List<String> paths(Indexer indexer, DocumentQuery q) {
        List<String> paths = indexer.documents(q).stream().map(DocumentRecord::path).toList();
        assertEquals(paths.size(), indexer.count(q));
        return paths;
    }

    private static void writePdf(Path out) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            var info = doc.getDocumentInformation();
            info.setAuthor("Ada Lovelace");
            info.setTitle("Quarterly report");
            Calendar c = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
            c.setTimeInMillis(PDF_CREATED.toEpochMilli());
            info.setCreationDate(c);
            PDPage page = new PDPage();
            doc.addPage(page);
            try (var cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                cs.newLineAtOffset(64, 700);
                cs.showText("This is the report of the quarter, and the figures were checked on 17 January 2022 by the team.");
                cs.endText();
            }
            doc.save(out.toFile());
        }
    }

    private static void writeDocx(Path out) throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); OutputStream os = Files.newOutputStream(out)) {
            var core = doc.getProperties().getCoreProperties();
            core.setCreator("Grace Hopper");
            core.setCreated(Optional.of(java.util.Date.from(DOCX_CREATED)));
            doc.createParagraph().createRun().setText("This letter is about the meeting that was held on 29.02.2020 "
                    + "and what the committee decided there for the year.");
            doc.write(os);
        }
    }
}
