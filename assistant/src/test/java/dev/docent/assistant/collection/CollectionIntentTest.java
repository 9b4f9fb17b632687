package dev.docent.assistant.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Collection questions in three languages with every part of the query checked, and the sample
 * corpus's ordinary questions, none of which may be taken for a collection question.
 */
class CollectionIntentTest {

    static final ZoneId BERLIN = TimeExpressionsTest.BERLIN;
    static final CollectionIntent INTENT = new CollectionIntent(
            new TimeExpressions(Clock.fixed(TimeExpressionsTest.NOW, ZoneId.of("UTC")), BERLIN));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            How many invoices are from 2024?                                | COUNT | invoice        | -             | -            | from 2024
            List all invoices from 2025                                     | LIST  | invoice        | -             | -            | from 2025
            Which documents were changed in the last 7 days?                | LIST  | ''             | -             | -            | in the last 7 days
            What is in the contracts folder?                                | LIST  | ''             | contracts     | -            | -
            How many PDFs are in the contracts folder?                      | COUNT | ''             | contracts     | PDF          | -
            Show me all Word documents from last month                      | LIST  | ''             | -             | WORD         | last month
            Which spreadsheets changed this week?                           | LIST  | ''             | -             | SPREADSHEET  | this week
            What changed since Monday?                                      | LIST  | ''             | -             | -            | since Monday
            How many unpaid invoices do I have?                             | COUNT | unpaid invoice | -             | -            | -
            List every report in the folder "Board Meetings"                | LIST  | report         | Board Meetings | -           | -
            Every memo from March 2025                                      | LIST  | memo           | -             | -            | from March 2025
            All the receipts from last year                                 | LIST  | receipt        | -             | -            | last year
            Which emails mention Brno?                                      | LIST  | email Brno     | -             | -            | -
            How many files were added today?                                | COUNT | ''             | -             | -            | today
            How many were added yesterday?                                  | COUNT | ''             | -             | -            | yesterday
            Invoices from 2024?                                             | LIST  | invoice        | -             | -            | from 2024
            What's new this month?                                          | LIST  | ''             | -             | -            | this month
            How many presentations are in the Sales folder?                 | COUNT | ''             | Sales         | PRESENTATION | -
            Wie viele Rechnungen sind aus 2024?                             | COUNT | Rechnung       | -             | -            | aus 2024
            Liste alle Rechnungen von 2025                                  | LIST  | Rechnung       | -             | -            | von 2025
            Welche Dateien wurden in den letzten 7 Tagen geändert?          | LIST  | ''             | -             | -            | in den letzten 7 Tagen
            Was ist im Ordner Verträge?                                     | LIST  | ''             | Verträge      | -            | -
            Was hat sich seit Montag geändert?                              | LIST  | ''             | -             | -            | seit Montag
            Zeige mir alle PDFs im Ordner Verträge                          | LIST  | ''             | Verträge      | PDF          | -
            Alle Protokolle aus dem letzten Jahr                            | LIST  | Protokoll      | -             | -            | letzten Jahr
            Wie viele Verträge gibt es im Ordner Kunden?                    | COUNT | Vertrag        | Kunden        | -            | -
            Welche Word-Dokumente wurden gestern bearbeitet?                | LIST  | ''             | -             | WORD         | gestern
            Wie viele Berichte wurden im März 2025 erstellt?                | COUNT | Bericht        | -             | -            | im März 2025
            Welche Rechnungen sind im Jahr 2024?                            | LIST  | Rechnung       | -             | -            | im Jahr 2024
            Combien de factures de 2024 ?                                   | COUNT | facture        | -             | -            | de 2024
            Liste toutes les factures de 2025                               | LIST  | facture        | -             | -            | de 2025
            Quels documents ont été modifiés au cours des 7 derniers jours ? | LIST | ''             | -             | -            | au cours des 7 derniers jours
            Que contient le dossier contrats ?                              | LIST  | ''             | contrats      | -            | -
            Qu'est-ce qui a changé cette semaine ?                          | LIST  | ''             | -             | -            | cette semaine
            Quelles factures ont été ajoutées hier ?                        | LIST  | facture        | -             | -            | hier
            Tous les contrats avant 2025                                    | LIST  | contrat        | -             | -            | avant 2025
            Combien de fichiers PDF dans le dossier factures ?              | COUNT | ''             | factures      | PDF          | -
            Montre-moi les rapports du mois dernier                         | LIST  | rapport        | -             | -            | du mois dernier
            Lister toutes les feuilles de calcul                            | LIST  | ''             | -             | SPREADSHEET  | -
            Combien de contrats ont été ajoutés depuis lundi ?              | COUNT | contrat        | -             | -            | depuis lundi
            """)
    void collectionQuestions(String question, CollectionQuery.Kind kind, String subject, String folder, FileType type,
            String time) {
        CollectionQuery q = INTENT.classify(question).orElseThrow(() -> new AssertionError("not a collection question"));
        assertEquals(kind, q.kind(), "kind");
        assertEquals(subject, q.subject(), "subject");
        assertEquals(Optional.ofNullable(folder), q.folder(), "folder");
        assertEquals(Optional.ofNullable(type), q.fileType(), "file type");
        assertEquals(Optional.ofNullable(time), q.time().map(TimeRange::matched), "time");
    }

    @Test
    void theQueryCarriesTheIntervalAndWhatItIsAbout() {
        CollectionQuery q = INTENT.classify("Welche Dateien wurden in den letzten 7 Tagen geändert?").orElseThrow();
        assertEquals(TimeExpressionsTest.instant("2026-11-25T10:00"), q.time().orElseThrow().from());
        assertEquals(TimeExpressionsTest.NOW, q.time().orElseThrow().to());
        assertEquals(TimeRange.Kind.CHANGED, q.time().orElseThrow().kind());

        CollectionQuery invoices = INTENT.classify("How many invoices are from 2024?").orElseThrow();
        assertEquals(LocalDate.of(2024, 1, 1).atStartOfDay(BERLIN).toInstant(), invoices.time().orElseThrow().from());
        assertEquals(TimeRange.Kind.DATED, invoices.time().orElseThrow().kind());
        assertEquals(List.of("xlsx", "xls", "ods", "csv"), FileType.SPREADSHEET.extensions());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "How many days of annual leave do employees get?",
        "Which insurance covers cherry trees?",
        "What did the March minutes decide about Brno?",
        "What changed in the travel policy?",
        "Which document says how long parental leave is?",
        "How many minutes does the PK-3 need to charge?",
        "Is there a list of approved suppliers?",
        "What does the report from 2024 say about revenue?",
        "Show me how to reset the VPN",
        "Wie viele Tage Urlaub habe ich im Jahr 2025?",
        "Welche Versicherung deckt Kirschbäume?",
        "Was hat sich im Vertrag geändert?",
        "Combien de jours de congé en 2025 ?",
        "Quels sont les horaires de travail ?",
        "Was ist hier los?",
    })
    void ordinaryQuestions(String question) {
        assertEquals(Optional.empty(), INTENT.classify(question));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleQuestions")
    void noSampleQuestionIsAboutTheCollection(String question) {
        assertEquals(Optional.empty(), INTENT.classify(question));
    }

    @Test
    void allSeventyFiveSampleQuestionsAreRead() throws IOException {
        assertEquals(75, sampleQuestions().count());
    }

    @Test
    void aMixedQuestionStillYieldsItsMonthForAFilter() {
        String question = "What did the March minutes decide about Brno?";
        assertTrue(INTENT.classify(question).isEmpty());
        TimeRange march = new TimeExpressions(Clock.fixed(TimeExpressionsTest.NOW, BERLIN), BERLIN).find(question)
                .orElseThrow();
        assertEquals(LocalDate.of(2026, 3, 1).atStartOfDay(BERLIN).toInstant(), march.from());
        assertEquals(LocalDate.of(2026, 4, 1).atStartOfDay(BERLIN).toInstant(), march.to());
    }

    static Stream<String> sampleQuestions() throws IOException {
        List<String> lines = Files.readAllLines(repoRoot().resolve("sample-corpus/questions.tsv"));
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t")[0]);
    }

    /** Surefire's {@code docent.repo.root}, else the nearest folder above holding {@code sample-corpus/}. */
    static Path repoRoot() {
        String root = System.getProperty("docent.repo.root");
        if (root != null) return Path.of(root);
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-corpus"))) return p;
        }
        throw new IllegalStateException("no sample-corpus/ above " + Path.of("").toAbsolutePath());
    }
}
