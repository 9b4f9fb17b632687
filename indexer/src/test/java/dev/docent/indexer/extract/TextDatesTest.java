package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TextDates}: what counts as a date in English, German and French text, and what does not. */
class TextDatesTest {

    private static final LocalDate PI_DAY = LocalDate.of(2024, 3, 14);

    private static void dates(String text, LocalDate... expected) {
        assertEquals(List.of(expected), TextDates.in(text), text);
    }

    @Test
    void numericForms() {
        dates("Released on 2024-03-14.", PI_DAY);
        dates("Stand: 2024/03/14", PI_DAY);
        dates("Berlin, den 14.03.2024", PI_DAY);
        dates("Paris, le 14/03/2024.", PI_DAY);
        dates("due 14-03-2024", PI_DAY);
        dates("am 2.3.2024 beschlossen", LocalDate.of(2024, 3, 2));
        dates("ambiguous 03/04/2024 is day first", LocalDate.of(2024, 4, 3));
        dates("US style 03/14/2024 when the day is over 12", PI_DAY);
    }

    @Test
    void englishMonthNames() {
        dates("Signed on March 14, 2024 in Leeds.", PI_DAY);
        dates("Mar. 14th 2024", PI_DAY);
        dates("on 14 March 2024", PI_DAY);
        dates("the 1st of March, 2024", LocalDate.of(2024, 3, 1));
        dates("Sept. 3, 2024 and 3 Sept 2024 and Jan 5 2025",
                LocalDate.of(2024, 9, 3), LocalDate.of(2025, 1, 5));
        dates("DECEMBER 31, 1999", LocalDate.of(1999, 12, 31));
    }

    @Test
    void germanMonthNames() {
        dates("Hamburg, 14. März 2024", PI_DAY);
        dates("am 14. Mär. 2024 und am 1. Mai 2024", PI_DAY, LocalDate.of(2024, 5, 1));
        dates("vom 3. Dezember 2023 bis 7. Jänner 2024", LocalDate.of(2023, 12, 3), LocalDate.of(2024, 1, 7));
        dates("14 MÄRZ 2024", PI_DAY);
    }

    @Test
    void frenchMonthNames() {
        dates("Fait à Lyon, le 14 mars 2024.", PI_DAY);
        dates("le 1er mars 2024", LocalDate.of(2024, 3, 1));
        dates("3 févr. 2024, 3 janv. 2024, 15 août 2024, 2 déc. 2024", LocalDate.of(2024, 2, 3),
                LocalDate.of(2024, 1, 3), LocalDate.of(2024, 8, 15), LocalDate.of(2024, 12, 2));
    }

    @Test
    void notDates() {
        dates("version 2.3.2024 of the library; v1.2.2024; Release 4.5.2024");
        dates("Amounts: 14.03 EUR, 1.234.567,89 €, 12/03 of the budget");
        dates("Call +49 30 1403 2024 or (030) 14-03-20 24 or 0201/140320");
        dates("Invalid: 31.02.2024, 2024-13-01, 32 March 2024, 00.01.2024");
        dates("Out of range: 14.03.1850, 2024-03-14 is fine but 2101-01-01 is not", PI_DAY);
        dates("Two-digit years 14.03.24 and month-year only: March 2024, März 2024, mars 2024");
        dates("Dotted runs: 1.14.03.2024, 14.03.2024.1, 10.1.14.2024; ids 2024-03-14-7");
        dates("Marching 14 2024 is no month; Marseille 3 2024 neither");
    }

    @Test
    void distinctInTextOrder() {
        dates("Then 2024-03-14, before that 1 January 2020, again 14.03.2024 and 14 mars 2024.",
                PI_DAY, LocalDate.of(2020, 1, 1));
    }

    @Test
    void cappedPerDocument() {
        StringBuilder log = new StringBuilder();
        LocalDate d = LocalDate.of(2000, 1, 1);
        for (int i = 0; i < 2000; i++) log.append(d.plusDays(i)).append(" entry\n");
        List<LocalDate> found = TextDates.in(log);
        assertEquals(TextDates.MAX_DATES, found.size());
        assertEquals(d, found.getFirst());
        assertTrue(found.getLast().isBefore(d.plusDays(TextDates.MAX_DATES + 1)));
    }

    /** Random texts of date-like pieces: reading around years finds what matching everywhere finds. */
    @Test
    void readingAroundYearsAgreesWithMatchingEverywhere() {
        long seed = Long.getLong("docent.dates.seed", System.nanoTime());
        var random = new java.util.Random(seed);
        String[] pieces = {"14", "3", "31", "1er", "1st", "of", "March", "Mar.", "mars", "März", "Sept.", "janv.", "2024",
            "1899", "2100", "20245", "12", "-", ".", "/", ",", " ", " ", " ", "  ", "v", "version", "the", "am", "le", "03",
            "2024-03-14", "14.03.2024", "03/14/2024", "31.02.2024", "Marching", "\n", "é", "0"};
        for (int t = 0; t < 3000; t++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(80); k > 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) > 0) text.append(' ');
            }
            assertEquals(TextDates.scanningEverything(text), TextDates.in(text), "seed " + seed + ": " + text);
        }
    }

    @Test
    void pagesAreReadBlockByBlock() {
        var pages = List.of(new Page(1, List.of(new Block("Minutes of 14 March 2024", true))),
                new Page(2, List.of(new Block("no date here", false), new Block("Next: 2024-04-02.", false))));
        assertEquals(List.of(PI_DAY, LocalDate.of(2024, 4, 2)), TextDates.in(pages));
    }
}
