package dev.docent.indexer.extract;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar dates written in a text, in English, German and French, so documents can be filtered
 * by the dates they mention. One left-to-right pass of one regular expression; no model.
 *
 * <p>Read: ISO {@code 2024-03-14} (and {@code 2024/03/14}); day first {@code 14.03.2024},
 * {@code 14/03/2024}, {@code 14-03-2024}, {@code 2.3.2024}; month first, with slashes, {@code 03/14/2024} only
 * when the day is over 12, so the order cannot be mistaken (an ambiguous {@code 03/04/2024} is
 * the 3rd of April, as in every language here but American English); names of months in full or
 * cut short, with or without a dot, any case: {@code March 14, 2024}, {@code Mar. 14th 2024},
 * {@code 14 March 2024}, {@code 1st of March 2024}, {@code 14. März 2024}, {@code 14. Mär. 2024},
 * {@code 14 mars 2024}, {@code 1er mars 2024}, {@code 3 févr. 2024}, {@code 3 janv. 2024}.
 *
 * <p>Not read, on purpose: years outside 1900–2100; two-digit years ({@code 14.03.24} is as
 * often a version or a price); a month with a year but no day ({@code March 2024}); days that do
 * not exist ({@code 31.02.2024}); numbers within longer runs of digits and dots ({@code
 * 1.14.03.2024}, {@code 14.03.2024.1}: IP-like numbers, identifiers); a numeric date right after
 * {@code v}, {@code version}, {@code release}, {@code build} or {@code rev} ({@code version
 * 2.3.2024} is a version number, though {@code am 2.3.2024} is a date). Amounts ({@code 14.03
 * EUR}) and phone numbers have no four-digit year in the right place, so they are never dates.
 */
public final class TextDates {

    /** At most this many distinct dates are kept per document (a calendar or a log would list thousands). */
    public static final int MAX_DATES = 500;
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2100;

    /** Names of months, in full and cut short, lower case, by month number. */
    private static final Map<String, Integer> MONTHS = months();

    private static final String MONTH = MONTHS.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
            .map(Pattern::quote).reduce((a, b) -> a + "|" + b).orElseThrow();
    /** Not part of a longer number, nor of a dotted or dashed run of numbers. */
    private static final String NUMBER_START = "(?<![\\p{L}\\d]|[\\d][.\\-/,])";
    private static final String NUMBER_END = "(?![\\d]|[.\\-/,]\\d)";

    private static final Pattern DATE = Pattern.compile(
            // ISO, year first: 2024-03-14, 2024/03/14
            NUMBER_START + "(?<isoY>\\d{4})(?<isoS>[-/])(?<isoM>\\d{2})\\k<isoS>(?<isoD>\\d{2})" + NUMBER_END
            // Numeric, day (or month) first: 14.03.2024, 14/03/2024, 14-03-2024, 03/14/2024
            + "|" + NUMBER_START + "(?<numA>\\d{1,2})(?<numS>[./-])(?<numB>\\d{1,2})\\k<numS>(?<numY>\\d{4})"
            + NUMBER_END
            // Day, month name, year: 14 March 2024, 14. März 2024, 1er mars 2024, 1st of March, 2024
            + "|" + NUMBER_START + "(?<dmyD>\\d{1,2})(?:\\.|er|st|nd|rd|th)?\\s*(?:of\\s+)?(?<dmyM>" + MONTH
            + ")(?!\\p{L})\\.?,?\\s*(?<dmyY>\\d{4})(?!\\d)"
            // Month name, day, year: March 14, 2024; Mar. 14th 2024
            + "|(?<![\\p{L}])(?<mdyM>" + MONTH + ")(?!\\p{L})\\.?\\s*(?<mdyD>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<mdyY>\\d{4})"
            + "(?!\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A version marker right before a numeric date makes it a version number. */
    private static final Pattern VERSION_BEFORE =
            Pattern.compile("(?:\\b(?:v|ver|version|release|build|rev|revision)\\.?)\\s*$", Pattern.CASE_INSENSITIVE);

    private TextDates() {}

    /** The distinct dates {@code text} mentions, in the order of their first mention, at most {@link #MAX_DATES}. */
    public static List<LocalDate> in(CharSequence text) {
        Set<LocalDate> found = new LinkedHashSet<>();
        collect(text, found);
        return new ArrayList<>(found);
    }

    /** The distinct dates the pages mention, page by page, at most {@link #MAX_DATES}. */
    public static List<LocalDate> in(List<Page> pages) {
        Set<LocalDate> found = new LinkedHashSet<>();
        for (Page p : pages) {
            for (Block b : p.blocks()) {
                if (found.size() >= MAX_DATES) return new ArrayList<>(found);
                collect(b.text(), found);
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * Every date has a year of four digits, and is written within this many characters before
     * its year's first digit (day, ordinal, "of", month name, punctuation: "31st of September,
     * 2024" takes 21) and after its last (ISO's "-03-14").
     */
    private static final int BEFORE_YEAR = 40;
    private static final int AFTER_YEAR = 8;

    /**
     * The regular expression runs only around years (four digits, 1900-2100, not part of a longer
     * number) found by a plain scan: most of a text is no date, and matching the expression at
     * every character costs ten times more. The matcher sees the text beyond the window (transparent
     * bounds), so a window finds what a scan of the whole text finds there.
     */
    private static void collect(CharSequence text, Set<LocalDate> found) {
        Matcher m = null;
        int n = text.length();
        int searched = 0; // where the last match ended: nothing before it is read twice
        int i = 0;
        while (i < n && found.size() < MAX_DATES) {
            if (!digit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && digit(text.charAt(i))) i++;
            if (i - start != 4) continue;
            int year = (text.charAt(start) - '0') * 1000 + (text.charAt(start + 1) - '0') * 100
                    + (text.charAt(start + 2) - '0') * 10 + (text.charAt(start + 3) - '0');
            if (year < MIN_YEAR || year > MAX_YEAR) continue;
            if (m == null) m = DATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            m.region(Math.max(searched, start - BEFORE_YEAR), Math.min(n, i + AFTER_YEAR));
            while (found.size() < MAX_DATES && m.find()) {
                searched = m.end();
                LocalDate d = date(m, text);
                if (d != null) found.add(d);
            }
        }
    }

    /** The reference {@link #in(CharSequence)} must agree with: the expression matched over the whole text (tests). */
    static List<LocalDate> scanningEverything(CharSequence text) {
        Set<LocalDate> found = new LinkedHashSet<>();
        Matcher m = DATE.matcher(text);
        while (found.size() < MAX_DATES && m.find()) {
            LocalDate d = date(m, text);
            if (d != null) found.add(d);
        }
        return new ArrayList<>(found);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static LocalDate date(Matcher m, CharSequence text) {
        if (m.group("isoY") != null) {
            return of(m.group("isoY"), m.group("isoM"), m.group("isoD"));
        }
        if (m.group("numY") != null) {
            int from = Math.max(0, m.start() - 12);
            if (VERSION_BEFORE.matcher(text.subSequence(from, m.start())).find()) return null;
            int a = Integer.parseInt(m.group("numA"));
            int b = Integer.parseInt(m.group("numB"));
            // Day first, unless only month first makes a date (03/14/2024).
            boolean monthFirst = b > 12 && a <= 12 && m.group("numS").equals("/");
            return monthFirst ? of(m.group("numY"), a, b) : of(m.group("numY"), b, a);
        }
        if (m.group("dmyY") != null) {
            return of(m.group("dmyY"), month(m.group("dmyM")), Integer.parseInt(m.group("dmyD")));
        }
        return of(m.group("mdyY"), month(m.group("mdyM")), Integer.parseInt(m.group("mdyD")));
    }

    private static LocalDate of(String year, String month, String day) {
        return of(year, Integer.parseInt(month), Integer.parseInt(day));
    }

    private static LocalDate of(String year, int month, int day) {
        int y = Integer.parseInt(year);
        if (y < MIN_YEAR || y > MAX_YEAR) return null;
        try {
            return LocalDate.of(y, month, day);
        } catch (DateTimeException e) {
            return null; // 31.02., month 13
        }
    }

    private static int month(String name) {
        return MONTHS.get(name.toLowerCase(Locale.ROOT));
    }

    private static Map<String, Integer> months() {
        String[] names = {
            "january jan januar jän jänner janvier janv",
            "february feb februar février fevrier févr fevr fév",
            "march mar märz maerz mär mrz mars",
            "april apr avril avr",
            "may mai",
            "june jun juni juin",
            "july jul juli juillet juil",
            "august aug août aout",
            "september sep sept septembre",
            "october oct oktober okt octobre",
            "november nov novembre",
            "december dec dezember dez décembre decembre déc",
        };
        Map<String, Integer> out = new TreeMap<>();
        for (int m = 0; m < names.length; m++) {
            for (String n : names[m].split(" ")) out.put(n, m + 1);
        }
        return Map.copyOf(out);
    }
}
