package dev.docent.assistant.collection;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time phrases relative to now: today, yesterday, this/last week, month and year, "the last N
 * days", "since Monday". A named period ("last week", "this month") is the whole calendar period,
 * weeks starting on Monday (ISO, as in Germany and France); a span ("the last 7 days") ends now and
 * starts the same clock time N units earlier; "since Monday" starts at the start of the most
 * recent Monday before today and ends now.
 */
final class RelativeTimes {

    private RelativeTimes() {}

    private record Rule(Pattern pattern, BiFunction<Matcher, ZonedDateTime, Interval> interval) {}

    record Interval(ZonedDateTime from, ZonedDateTime to) {}

    private static final List<Rule> RULES = List.of(
            rule("today|heute|aujourd'hui", (m, now) -> period(now, ChronoUnit.DAYS, 0)),
            rule("yesterday|gestern|hier", (m, now) -> period(now, ChronoUnit.DAYS, 1)),
            rule("this week|diese woche|dieser woche|cette semaine", (m, now) -> period(now, ChronoUnit.WEEKS, 0)),
            rule("last week|(?:in der )?(?:letzten|vergangenen|vorigen) woche|letzte woche|vergangene woche"
                    + "|(?:la )?semaine (?:derniere|passee)", (m, now) -> period(now, ChronoUnit.WEEKS, 1)),
            rule("this month|(?:diesen|dieser|diesem) monat|ce mois(?:-ci)?", (m, now) -> period(now, ChronoUnit.MONTHS, 0)),
            rule("last month|(?:im )?(?:letzten|vergangenen|vorigen) monat|letzter monat|(?:le |du )?mois (?:dernier|passe)",
                    (m, now) -> period(now, ChronoUnit.MONTHS, 1)),
            rule("this year|(?:dieses|diesem) jahr|cette annee", (m, now) -> period(now, ChronoUnit.YEARS, 0)),
            rule("last year|(?:im )?(?:letzten|vergangenen|vorigen) jahr|(?:letztes|vergangenes|voriges) jahr"
                    + "|l'an(?:nee)? (?:derniere?|passee?)", (m, now) -> period(now, ChronoUnit.YEARS, 1)),
            rule("(?:(?:in|during|over|within) )?(?:the )?(?:last|past) (?<n>" + CalendarWords.NUMBER + ") (?<u>"
                    + CalendarWords.UNIT + ")", RelativeTimes::span),
            rule("(?:(?:in|wahrend|innerhalb) )?(?:der |den )?(?:letzten|vergangenen) (?<n>" + CalendarWords.NUMBER
                    + ") (?<u>" + CalendarWords.UNIT + ")", RelativeTimes::span),
            rule("(?:(?:au cours|pendant|durant|lors) )?(?:des|ces|les) (?<n>" + CalendarWords.NUMBER
                    + ") (?:derniers|dernieres) (?<u>" + CalendarWords.UNIT + ")", RelativeTimes::span),
            rule("(?:since|seit|depuis) (?:(?:dem|letztem|letzten|vergangenem|last) )?(?<d>" + CalendarWords.WEEKDAY
                    + ")(?: dernier)?", RelativeTimes::sinceWeekday));

    /** German words that make "hier" German ("here"), not French ("yesterday"). */
    private static final Set<String> GERMAN = Set.of("ist", "sind", "die", "der", "das", "welche", "wie", "was",
            "wurde", "wurden", "und", "ich", "gibt", "es", "liegt", "liegen", "steht", "alle");

    /** Every relative phrase in {@code folded}. */
    static List<TimeExpressions.Hit> find(String folded, ZonedDateTime now) {
        List<TimeExpressions.Hit> hits = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(folded);
            while (m.find()) {
                if (m.group().equals("hier") && looksGerman(folded)) continue;
                Interval i = rule.interval().apply(m, now);
                hits.add(new TimeExpressions.Hit(m.start(), m.end(), i.from().toInstant(), i.to().toInstant()));
            }
        }
        return hits;
    }

    private static Rule rule(String regex, BiFunction<Matcher, ZonedDateTime, Interval> interval) {
        return new Rule(Pattern.compile("(?<![\\w'-])(?:" + regex + ")(?![\\w'-])", Pattern.UNICODE_CHARACTER_CLASS), interval);
    }

    /** The whole calendar day, week, month or year {@code back} periods before the current one. */
    static Interval period(ZonedDateTime now, ChronoUnit unit, int back) {
        LocalDate today = now.toLocalDate();
        LocalDate start = switch (unit) {
            case DAYS -> today;
            case WEEKS -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHS -> today.withDayOfMonth(1);
            default -> today.withDayOfYear(1);
        };
        start = start.minus(back, unit);
        return new Interval(start.atStartOfDay(now.getZone()), start.plus(1, unit).atStartOfDay(now.getZone()));
    }

    private static Interval span(Matcher m, ZonedDateTime now) {
        int n = CalendarWords.number(m.group("n"));
        return new Interval(now.minus(n, CalendarWords.unit(m.group("u"))), now);
    }

    private static Interval sinceWeekday(Matcher m, ZonedDateTime now) {
        DayOfWeek day = CalendarWords.WEEKDAYS.get(m.group("d"));
        LocalDate start = now.toLocalDate().with(TemporalAdjusters.previous(day));
        return new Interval(start.atStartOfDay(now.getZone()), now);
    }

    private static boolean looksGerman(String folded) {
        for (String word : folded.split("[^\\p{L}]+")) {
            if (GERMAN.contains(word)) return true;
        }
        return false;
    }
}
