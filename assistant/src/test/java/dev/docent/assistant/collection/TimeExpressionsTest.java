package dev.docent.assistant.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every phrase against a fixed clock: Wednesday 2 December 2026, 10:00 in Berlin. */
class TimeExpressionsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = LocalDateTime.parse("2026-12-02T10:00").atZone(BERLIN).toInstant();
    static final TimeExpressions TIMES = new TimeExpressions(Clock.fixed(NOW, ZoneId.of("UTC")), BERLIN);

    /** "2026-12-02": that day's start in Berlin; "2026-11-25T10:00": that time; MIN, MAX, now. */
    static Instant instant(String s) {
        return switch (s) {
            case "MIN" -> Instant.MIN;
            case "MAX" -> Instant.MAX;
            case "now" -> NOW;
            default -> s.contains("T")
                    ? LocalDateTime.parse(s).atZone(BERLIN).toInstant()
                    : LocalDate.parse(s).atStartOfDay(BERLIN).toInstant();
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Which documents changed today?                        | 2026-12-02 | 2026-12-03 | today
            What was added yesterday?                             | 2026-12-01 | 2026-12-02 | yesterday
            Welche Dateien wurden heute geändert?                 | 2026-12-02 | 2026-12-03 | heute
            Was wurde gestern hinzugefügt?                        | 2026-12-01 | 2026-12-02 | gestern
            Quels fichiers ont été modifiés aujourd'hui ?         | 2026-12-02 | 2026-12-03 | aujourd'hui
            Quels fichiers ont été modifiés aujourd’hui ?         | 2026-12-02 | 2026-12-03 | aujourd’hui
            Quels documents ont été ajoutés hier ?                | 2026-12-01 | 2026-12-02 | hier
            documents changed this week                           | 2026-11-30 | 2026-12-07 | this week
            documents changed last week                           | 2026-11-23 | 2026-11-30 | last week
            Dokumente von dieser Woche                            | 2026-11-30 | 2026-12-07 | dieser Woche
            Was hat sich diese Woche geändert?                    | 2026-11-30 | 2026-12-07 | diese Woche
            Rechnungen der letzten Woche                          | 2026-11-23 | 2026-11-30 | letzten Woche
            Was wurde letzte Woche bearbeitet?                    | 2026-11-23 | 2026-11-30 | letzte Woche
            Qu'est-ce qui a changé cette semaine ?                | 2026-11-30 | 2026-12-07 | cette semaine
            factures de la semaine dernière                       | 2026-11-23 | 2026-11-30 | la semaine dernière
            reports from this month                               | 2026-12-01 | 2027-01-01 | this month
            reports from last month                               | 2026-11-01 | 2026-12-01 | last month
            Berichte vom letzten Monat                            | 2026-11-01 | 2026-12-01 | letzten Monat
            Berichte aus diesem Monat                             | 2026-12-01 | 2027-01-01 | diesem Monat
            les rapports du mois dernier                          | 2026-11-01 | 2026-12-01 | du mois dernier
            Qu'est-ce qui a changé le mois dernier ?              | 2026-11-01 | 2026-12-01 | le mois dernier
            contracts signed this year                            | 2026-01-01 | 2027-01-01 | this year
            contracts signed last year                            | 2025-01-01 | 2026-01-01 | last year
            Verträge aus dem letzten Jahr                         | 2025-01-01 | 2026-01-01 | letzten Jahr
            Verträge von diesem Jahr                              | 2026-01-01 | 2027-01-01 | diesem Jahr
            les contrats de l'année dernière                      | 2025-01-01 | 2026-01-01 | l'année dernière
            les contrats de cette année                           | 2026-01-01 | 2027-01-01 | cette année
            files changed in the last 7 days                      | 2026-11-25T10:00 | now | in the last 7 days
            files changed in the past 7 days                      | 2026-11-25T10:00 | now | in the past 7 days
            files changed in the last three days                  | 2026-11-29T10:00 | now | in the last three days
            files added in the last 2 weeks                       | 2026-11-18T10:00 | now | in the last 2 weeks
            files added in the last 3 months                      | 2026-09-02T10:00 | now | in the last 3 months
            Dateien, die in den letzten 7 Tagen geändert wurden   | 2026-11-25T10:00 | now | in den letzten 7 Tagen
            Dateien der letzten 2 Wochen                          | 2026-11-18T10:00 | now | der letzten 2 Wochen
            fichiers modifiés au cours des 7 derniers jours       | 2026-11-25T10:00 | now | au cours des 7 derniers jours
            fichiers modifiés ces 7 derniers jours                | 2026-11-25T10:00 | now | ces 7 derniers jours
            fichiers modifiés ces 2 dernières semaines            | 2026-11-18T10:00 | now | ces 2 dernières semaines
            What changed since Monday?                            | 2026-11-30 | now | since Monday
            What changed since Wednesday?                         | 2026-11-25 | now | since Wednesday
            What changed since Friday?                            | 2026-11-27 | now | since Friday
            Was hat sich seit Montag geändert?                    | 2026-11-30 | now | seit Montag
            Qu'est-ce qui a changé depuis lundi ?                 | 2026-11-30 | now | depuis lundi
            files changed since 1 March 2025                      | 2025-03-01 | now | since 1 March 2025
            files changed since March 1st, 2025                   | 2025-03-01 | now | since March 1st, 2025
            files changed since March 2025                        | 2025-03-01 | now | since March 2025
            seit dem 1. März 2025 geändert                        | 2025-03-01 | now | seit dem 1. März 2025
            modifiés depuis le 1er mars 2025                      | 2025-03-01 | now | depuis le 1er mars 2025
            invoices in March 2025                                | 2025-03-01 | 2025-04-01 | in March 2025
            Rechnungen im März 2025                               | 2025-03-01 | 2025-04-01 | im März 2025
            Rechnungen im Maerz 2025                              | 2025-03-01 | 2025-04-01 | im Maerz 2025
            Rechnungen im Februar 2025                            | 2025-02-01 | 2025-03-01 | im Februar 2025
            factures en mars 2025                                 | 2025-03-01 | 2025-04-01 | en mars 2025
            factures en février 2024                              | 2024-02-01 | 2024-03-01 | en février 2024
            factures en fevrier 2024                              | 2024-02-01 | 2024-03-01 | en fevrier 2024
            factures en août 2025                                 | 2025-08-01 | 2025-09-01 | en août 2025
            factures en aout 2025                                 | 2025-08-01 | 2025-09-01 | en aout 2025
            invoices in 2024                                      | 2024-01-01 | 2025-01-01 | in 2024
            How many invoices are from 2024?                      | 2024-01-01 | 2025-01-01 | from 2024
            Rechnungen aus 2024                                   | 2024-01-01 | 2025-01-01 | aus 2024
            Rechnungen von 2024                                   | 2024-01-01 | 2025-01-01 | von 2024
            Rechnungen im Jahr 2024                               | 2024-01-01 | 2025-01-01 | im Jahr 2024
            les factures de 2024                                  | 2024-01-01 | 2025-01-01 | de 2024
            les factures en 2024                                  | 2024-01-01 | 2025-01-01 | en 2024
            contracts before 2025                                 | MIN | 2025-01-01 | before 2025
            Verträge vor 2025                                     | MIN | 2025-01-01 | vor 2025
            contrats avant 2025                                   | MIN | 2025-01-01 | avant 2025
            contracts after 2023                                  | 2024-01-01 | MAX | after 2023
            Verträge nach 2023                                    | 2024-01-01 | MAX | nach 2023
            contrats après 2023                                   | 2024-01-01 | MAX | après 2023
            contracts since 2024                                  | 2024-01-01 | now | since 2024
            the scan 2025-03-14                                   | 2025-03-14 | 2025-03-15 | 2025-03-14
            letters before 2025-03-14                             | MIN | 2025-03-14 | before 2025-03-14
            What did the March minutes decide about Brno?         | 2026-03-01 | 2026-04-01 | March
            Was steht im Protokoll vom Mai?                       | 2026-05-01 | 2026-06-01 | vom Mai
            minutes from December                                 | 2026-12-01 | 2027-01-01 | from December
            What did the phishing email of 2 October imitate?     | 2026-10-02 | 2026-10-03 | of 2 October
            the letter of 24 December                             | 2025-12-24 | 2025-12-25 | of 24 December
            """)
    void reads(String question, String from, String to, String matched) {
        TimeRange range = TIMES.find(question).orElseThrow(() -> new AssertionError("no time in: " + question));
        assertEquals(instant(from), range.from(), "from");
        assertEquals(instant(to), range.to(), "to");
        assertEquals(matched, range.matched(), "matched");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "How many days of paid annual leave do full-time employees get? 27 days.",
        "Is the plant certified to ISO 9001?",
        "What is new in version 2.3?",
        "What does page 2024 say?",
        "The invoice 2024 is missing",
        "How many days a week may I work remotely?",
        "May I bring a guest?",
        "What did the board decide in 3000?",
        "Was ist hier los?",
        "Wo liegen die Akkus hier?",
        "How long is parental leave?",
        "What is served in the cafeteria on Wednesday?",
        "Avant quelle date faut-il saisir les notes de frais ?",
    })
    void findsNothing(String question) {
        assertEquals(Optional.empty(), TIMES.find(question));
    }

    @Test
    void yearsAreCalendarYearsInTheGivenZone() {
        TimeRange range = TIMES.find("invoices in 2024").orElseThrow();
        assertEquals(Instant.parse("2023-12-31T23:00:00Z"), range.from());
        assertEquals(Instant.parse("2024-12-31T23:00:00Z"), range.to());
        assertTrue(range.contains(Instant.parse("2024-06-01T00:00:00Z")));
        assertTrue(!range.contains(range.to()));
    }

    @Test
    void kindSaysWhetherTheQuestionIsAboutChange() {
        assertEquals(TimeRange.Kind.CHANGED, TIMES.find("Which documents were changed last week?").orElseThrow().kind());
        assertEquals(TimeRange.Kind.CHANGED, TIMES.find("What was added yesterday?").orElseThrow().kind());
        assertEquals(TimeRange.Kind.CHANGED, TIMES.find("Welche Dateien wurden gestern geändert?").orElseThrow().kind());
        assertEquals(TimeRange.Kind.CHANGED, TIMES.find("Was ist seit Montag neu?").orElseThrow().kind());
        assertEquals(TimeRange.Kind.CHANGED, TIMES.find("Quelles factures ont été ajoutées hier ?").orElseThrow().kind());
        assertEquals(TimeRange.Kind.CHANGED, TIMES.find("documents mis à jour cette semaine").orElseThrow().kind());
        assertEquals(TimeRange.Kind.DATED, TIMES.find("How many invoices are from 2024?").orElseThrow().kind());
        assertEquals(TimeRange.Kind.DATED, TIMES.find("Rechnungen aus 2024").orElseThrow().kind());
        assertEquals(TimeRange.Kind.DATED, TIMES.find("les factures de 2024").orElseThrow().kind());
    }

    @Test
    void theFirstPhraseWins() {
        assertEquals("in 2024", TIMES.find("invoices in 2024 changed since Monday").orElseThrow().matched());
    }
}
