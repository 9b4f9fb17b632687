package dev.docent.assistant.collection;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the time phrase in a question ("last week", "seit Montag", "en mars 2025", "before 2025")
 * and turns it into a {@link TimeRange}, relative to a {@link Clock} and a {@link ZoneId} passed
 * in, so that "today" means the user's today and tests can fix the clock. Relative phrases are
 * read by {@link RelativeTimes}, calendar dates by {@link CalendarTimes}; if several phrases are
 * found, the first in the question wins (the longest where two start together).
 *
 * <p>The range's {@link TimeRange.Kind} is {@code CHANGED} when the question speaks of change
 * (changed, modified, updated, added, new; geändert, bearbeitet, neu; modifié, ajouté, mis à jour),
 * since "changed last week" filters by modification time and "invoices from 2024" by the
 * document's own date.
 */
public final class TimeExpressions {

    private static final Pattern CHANGE = Pattern.compile("(?<![\\w'-])(?:chang(?:e|ed|es)|modif(?:y|ied|ies)"
            + "|updated?|edited|added|new|newly|uploaded|created|revised"
            + "|geandert|geaendert|verandert|veraendert|bearbeitet|aktualisiert|hinzugefugt|hinzugefuegt|neu|neue[nrs]?"
            + "|hochgeladen|erstellt|uberarbeitet"
            + "|modifi(?:e|ee|es|ees)|change(?:e|s|es)?|ajoute(?:e|s|es)?|mis(?:e|es)? a jour|nouveaux?|nouvelles?"
            + "|cree(?:e|s|es)?|televerse(?:e|s|es)?)(?![\\w'-])", Pattern.UNICODE_CHARACTER_CLASS);

    /** Where a phrase stands in the question and the interval it names. */
    record Hit(int start, int end, Instant from, Instant to) {}

    private final Clock clock;
    private final ZoneId zone;

    public TimeExpressions(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** The system clock in the system's time zone: what the running assistant uses. */
    public static TimeExpressions systemDefault() {
        return new TimeExpressions(Clock.systemUTC(), ZoneId.systemDefault());
    }

    /**
     * The first time phrase in {@code question}, or empty. A month without a year ("the March
     * minutes") is found too, as the most recent such month not in the future, so a caller may
     * use it to filter even when the question is not about the collection.
     */
    public Optional<TimeRange> find(String question) {
        String text = Folding.nfc(question);
        return locate(text).map(h -> new TimeRange(h.from(), h.to(), text.substring(h.start(), h.end()), kind(text)));
    }

    /** The first phrase in {@code nfcText} (already NFC), with its position. */
    Optional<Hit> locate(String nfcText) {
        String folded = Folding.fold(nfcText);
        ZonedDateTime now = clock.instant().atZone(zone);
        List<Hit> hits = new ArrayList<>(RelativeTimes.find(folded, now));
        hits.addAll(CalendarTimes.find(nfcText, folded, now));
        return hits.stream().min(Comparator.comparingInt(Hit::start).thenComparing(Hit::end, Comparator.reverseOrder()));
    }

    /** Whether one folded word is a word of change ("changed", "geandert", "modifies"). */
    static boolean isChangeWord(String folded) {
        return CHANGE.matcher(folded).matches();
    }

    /** Whether {@code question} speaks of change. */
    static TimeRange.Kind kind(String question) {
        return CHANGE.matcher(Folding.fold(question)).find() ? TimeRange.Kind.CHANGED : TimeRange.Kind.DATED;
    }
}
