package dev.docent.assistant.collection;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar dates: {@code 2025-03-14}, "14 March 2025", "March 14, 2025", "1. März 2025", "1er mars
 * 2025", "March 2025", "2 October", "in March", "in 2024", each optionally led by a preposition
 * that turns the period {@code [a, b)} into {@code [a, now)} (since, seit, depuis), {@code [MIN, a)}
 * (before, vor, avant) or {@code [b, MAX)} (after, nach, après).
 *
 * <p>Numbers are not dates unless they must be: a bare four-digit number between 1900 and 2100
 * counts only after a preposition ("in 2024", not "page 2024" or "ISO 9001"), and a month without
 * a year needs a preposition or, in English and German, a capital letter ("the March minutes"),
 * except "May", which is also a verb. A date without a year means the most recent one not in the
 * future.
 */
final class CalendarTimes {

    private CalendarTimes() {}

    private static final String SINCE = "since|seit(?: dem)?|depuis(?: le)?";
    private static final String BEFORE = "before|vor(?: dem)?|avant(?: le)?";
    private static final String AFTER = "after|nach(?: dem)?|apres(?: le)?";
    private static final String IN = "in the year|in|during|from|of|on|im jahr|im|in dem jahr|aus dem jahr|aus|von|vom"
            + "|am|en l'an|en|de l'annee|de|du|le";
    private static final String M = CalendarWords.MONTH;
    private static final String ORDINAL = "(?:\\.|er|st|nd|rd|th)?";

    private static final Pattern DATE = Pattern.compile("(?<![\\w'-])(?:(?<prep>" + SINCE + "|" + BEFORE + "|" + AFTER
            + "|" + IN + ") |(?<elided>d'))?"
            + "(?:(?<iy>\\d{4})-(?<im>\\d{2})-(?<id>\\d{2})"
            + "|(?<dd>\\d{1,2})" + ORDINAL + " (?:of )?(?<dm>" + M + ")(?:,? (?<dy>\\d{4}))?"
            + "|(?<mm>" + M + ") (?<md>\\d{1,2})(?:st|nd|rd|th)?,? (?<mdy>\\d{4})"
            + "|(?<m>" + M + ")(?:,? (?<my>\\d{4}))?"
            + "|(?<y>\\d{4}))(?![\\w-])", Pattern.UNICODE_CHARACTER_CLASS);

    /** Every calendar phrase in {@code folded}; {@code original} (same length) tells capitals apart. */
    static List<TimeExpressions.Hit> find(String original, String folded, ZonedDateTime now) {
        List<TimeExpressions.Hit> hits = new ArrayList<>();
        Matcher m = DATE.matcher(folded);
        while (m.find()) {
            try {
                Period p = period(m, original, now.toLocalDate());
                if (p == null) continue;
                String prep = m.group("prep") == null ? "" : m.group("prep");
                ZonedDateTime a = p.from().atStartOfDay(now.getZone());
                ZonedDateTime b = p.to().atStartOfDay(now.getZone());
                Instant from, to;
                if (prep.matches(SINCE)) {
                    from = a.toInstant();
                    to = now.toInstant();
                } else if (prep.matches(BEFORE)) {
                    from = Instant.MIN;
                    to = a.toInstant();
                } else if (prep.matches(AFTER)) {
                    from = b.toInstant();
                    to = Instant.MAX;
                } else {
                    from = a.toInstant();
                    to = b.toInstant();
                }
                hits.add(new TimeExpressions.Hit(m.start(), m.end(), from, to));
            } catch (DateTimeException e) {
                // 2025-02-30 and the like: not a date
            }
        }
        return hits;
    }

    private record Period(LocalDate from, LocalDate to) {}

    /** The day, month or year the match names, or null if it is not to be read as a date. */
    private static Period period(Matcher m, String original, LocalDate today) {
        boolean hasPrep = m.group("prep") != null || m.group("elided") != null;
        if (m.group("iy") != null) {
            return day(LocalDate.of(year(m.group("iy")), Integer.parseInt(m.group("im")), Integer.parseInt(m.group("id"))));
        }
        if (m.group("dd") != null) {
            Month month = CalendarWords.MONTHS.get(m.group("dm"));
            int d = Integer.parseInt(m.group("dd"));
            if (m.group("dy") != null) return day(LocalDate.of(year(m.group("dy")), month, d));
            LocalDate date = LocalDate.of(today.getYear(), month, d);
            return day(date.isAfter(today) ? date.minusYears(1) : date);
        }
        if (m.group("mm") != null) {
            return day(LocalDate.of(year(m.group("mdy")), CalendarWords.MONTHS.get(m.group("mm")),
                    Integer.parseInt(m.group("md"))));
        }
        if (m.group("m") != null) {
            Month month = CalendarWords.MONTHS.get(m.group("m"));
            if (m.group("my") != null) return month(YearMonth.of(year(m.group("my")), month));
            int start = m.start("m");
            boolean capital = Character.isUpperCase(original.charAt(start));
            if (!hasPrep && !(capital && month != Month.MAY)) return null;
            YearMonth ym = YearMonth.of(today.getYear(), month);
            return month(ym.isAfter(YearMonth.from(today)) ? ym.minusYears(1) : ym);
        }
        int y = Integer.parseInt(m.group("y"));
        if (!hasPrep || y < 1900 || y > 2100) return null;
        return new Period(LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1));
    }

    private static int year(String digits) {
        int y = Integer.parseInt(digits);
        if (y < 1900 || y > 2100) throw new DateTimeException("not a year we read: " + y);
        return y;
    }

    private static Period day(LocalDate d) {
        return new Period(d, d.plusDays(1));
    }

    private static Period month(YearMonth ym) {
        return new Period(ym.atDay(1), ym.plusMonths(1).atDay(1));
    }
}
