package dev.docent.assistant.collection;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The names of months, weekdays, units and small numbers in English, German and French, folded
 * (see {@link Folding}): "fevrier" stands for février, "marz" for März; "maerz" and "aout" are
 * listed because people type them. Abbreviations ("Jan", "Mar") are left out on purpose: "Jan" is
 * a name and "mar" a word, and a wrong date filter is worse than none.
 */
final class CalendarWords {

    private CalendarWords() {}

    static final Map<String, Month> MONTHS = names(Map.ofEntries(
            Map.entry(Month.JANUARY, "january januar janner janvier"),
            Map.entry(Month.FEBRUARY, "february februar feber fevrier"),
            Map.entry(Month.MARCH, "march marz maerz mars"),
            Map.entry(Month.APRIL, "april avril"),
            Map.entry(Month.MAY, "may mai"),
            Map.entry(Month.JUNE, "june juni juin"),
            Map.entry(Month.JULY, "july juli juillet"),
            Map.entry(Month.AUGUST, "august aout"),
            Map.entry(Month.SEPTEMBER, "september septembre"),
            Map.entry(Month.OCTOBER, "october oktober octobre"),
            Map.entry(Month.NOVEMBER, "november novembre"),
            Map.entry(Month.DECEMBER, "december dezember decembre")));

    static final Map<String, DayOfWeek> WEEKDAYS = names(Map.ofEntries(
            Map.entry(DayOfWeek.MONDAY, "monday montag lundi"),
            Map.entry(DayOfWeek.TUESDAY, "tuesday dienstag mardi"),
            Map.entry(DayOfWeek.WEDNESDAY, "wednesday mittwoch mercredi"),
            Map.entry(DayOfWeek.THURSDAY, "thursday donnerstag jeudi"),
            Map.entry(DayOfWeek.FRIDAY, "friday freitag vendredi"),
            Map.entry(DayOfWeek.SATURDAY, "saturday samstag sonnabend samedi"),
            Map.entry(DayOfWeek.SUNDAY, "sunday sonntag dimanche")));

    /** Number words up to twelve, so "in the last three days" works; larger counts come as digits. */
    static final Map<String, Integer> NUMBERS = names(Map.ofEntries(
            Map.entry(1, "one ein eins un une"),
            Map.entry(2, "two zwei deux"),
            Map.entry(3, "three drei trois"),
            Map.entry(4, "four vier quatre"),
            Map.entry(5, "five funf cinq"),
            Map.entry(6, "six sechs"),
            Map.entry(7, "seven sieben sept"),
            Map.entry(8, "eight acht huit"),
            Map.entry(9, "nine neun neuf"),
            Map.entry(10, "ten zehn dix"),
            Map.entry(11, "eleven elf onze"),
            Map.entry(12, "twelve zwolf douze")));

    static final String MONTH = alternation(MONTHS);
    static final String WEEKDAY = alternation(WEEKDAYS);
    static final String NUMBER = "\\d{1,3}|" + alternation(NUMBERS);

    /** A count: digits or a number word. */
    static int number(String folded) {
        return folded.chars().allMatch(Character::isDigit) ? Integer.parseInt(folded) : NUMBERS.get(folded);
    }

    /** The unit a folded word names: day/Tag/jour, week/Woche/semaine, month/Monat/mois, year/Jahr/an/année. */
    static ChronoUnit unit(String folded) {
        if (folded.matches("days?|tag(e|en)?|jours?")) return ChronoUnit.DAYS;
        if (folded.matches("weeks?|wochen?|semaines?")) return ChronoUnit.WEEKS;
        if (folded.matches("months?|monat(e|en)?|mois")) return ChronoUnit.MONTHS;
        return ChronoUnit.YEARS;
    }

    /** The units as one pattern, for "the last N ..."; every form {@link #unit} knows. */
    static final String UNIT = "days?|weeks?|months?|years?|tagen?|tage|wochen?|monaten?|monate|jahren?|jahre"
            + "|jours?|semaines?|mois|ans|annees";

    private static <T> Map<String, T> names(Map<T, String> byValue) {
        Map<String, T> out = new LinkedHashMap<>();
        byValue.forEach((value, names) -> {
            for (String n : names.split(" ")) out.put(n, value);
        });
        return Map.copyOf(out);
    }

    /** Longest first, so "marz" is not cut short by a shorter name that is its prefix. */
    private static String alternation(Map<String, ?> names) {
        return names.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .collect(Collectors.joining("|"));
    }
}
