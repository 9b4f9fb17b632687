package dev.docent.assistant.collection;

import dev.docent.assistant.documents.DocumentFilters;
import dev.docent.indexer.catalog.DocumentRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documents an ordinary question names by their kind and time: "What did <em>the March
 * minutes</em> decide about Brno?", "the invoice from July 2024", "das Protokoll vom April". Such a
 * question is answered as usual, from the best passages, but only among those documents; without
 * this, "the March minutes" is answered from whichever minutes say most about Brno.
 *
 * <p>The kind must stand right beside the time phrase (before it, or after it: "March minutes",
 * "minutes from March"), so a question whose date is not a document's ("what does the handbook
 * say about leave in 2025?") is left alone. A month without a year means
 * the most recent such month for which documents of that kind exist (up to ten years back): "the
 * March minutes" are last March's if there are any, else the March before. When nothing matches,
 * the question is answered from the whole collection, as before.
 */
final class NamedDocuments {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*");
    /** A year written in the time phrase: then it means that year only. */
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(19|20)\\d\\d(?!\\d)");
    /** A month's name: without a year, the phrase may mean an earlier year's month. */
    private static final Pattern MONTH = Pattern.compile("(?<![\\w'-])(?:" + CalendarWords.MONTH + ")(?![\\w'-])",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final int YEARS_BACK = 10;

    /** The named documents (paths) and how the answer describes them ("minutes dated March 2025"). */
    record Named(List<DocumentRecord> documents, String description) {}

    private final TimeExpressions times;
    private final CollectionSearch search;
    private final ZoneId zone;

    NamedDocuments(TimeExpressions times, CollectionSearch search, ZoneId zone) {
        this.times = times;
        this.search = search;
        this.zone = zone;
    }

    /** The documents {@code question} names, within {@code filters}; empty if it names none that exist. */
    Optional<Named> find(String question, DocumentFilters filters) {
        String text = Folding.nfc(question);
        Optional<TimeExpressions.Hit> located = times.locate(text);
        if (located.isEmpty()) return Optional.empty();
        TimeExpressions.Hit hit = located.get();
        DocumentKinds.Kind kind = kindBeside(text, hit);
        if (kind == null) return Optional.empty();
        String phrase = text.substring(hit.start(), hit.end());
        // Beside a kind, a time is the documents' own date ("the March minutes"), found in their
        // text; their modification time is the fallback ("the contracts changed last week").
        boolean yearless = !YEAR.matcher(phrase).find() && MONTH.matcher(Folding.fold(phrase)).find();
        for (int back = 0; back <= (yearless ? YEARS_BACK : 0); back++) {
            Instant from = shift(hit.from(), back);
            Instant to = shift(hit.to(), back);
            Optional<Named> dated = named(kind, filters, DocumentFilters.NONE.withMentions(day(from), day(to)));
            if (dated.isPresent()) return dated;
        }
        return named(kind, filters, DocumentFilters.NONE.withModified(bound(hit.from()), bound(hit.to())));
    }

    private Optional<Named> named(DocumentKinds.Kind kind, DocumentFilters filters, DocumentFilters time) {
        List<DocumentRecord> found = search.ofKind(kind, filters.and(time));
        if (found.isEmpty()) return Optional.empty();
        if (time.mentionsFrom() != null || time.mentionsTo() != null) {
            // "the April minutes" are the minutes OF April, not every minutes that mentions April
            List<DocumentRecord> own = found.stream()
                    .filter(r -> OwnDates.of(r).stream().anyMatch(d -> within(d, time.mentionsFrom(), time.mentionsTo())))
                    .toList();
            if (!own.isEmpty()) found = own;
        }
        return Optional.of(new Named(found, kind.name() + ", " + time.describe()));
    }

    private static boolean within(LocalDate d, LocalDate from, LocalDate to) {
        return (from == null || !d.isBefore(from)) && (to == null || d.isBefore(to));
    }

    /** The kind named by the words right before the time phrase or right after it, or null. */
    private static DocumentKinds.Kind kindBeside(String text, TimeExpressions.Hit hit) {
        List<String> before = words(text.substring(0, hit.start()));
        if (!before.isEmpty()) {
            List<String> window = before.subList(Math.max(0, before.size() - 2), before.size());
            DocumentKinds.Found f = DocumentKinds.find(String.join(" ", window));
            // the kind's last word must be the word right before the time: "minutes from March"
            if (f.kind() != null && !f.rest().contains(window.getLast())) return f.kind();
        }
        List<String> after = words(text.substring(hit.end()));
        if (!after.isEmpty()) {
            List<String> window = after.subList(0, Math.min(2, after.size()));
            DocumentKinds.Found f = DocumentKinds.find(String.join(" ", window));
            // the kind must start right after the time: "the March minutes", "March incident reports"
            if (f.kind() != null && !f.rest().contains(window.getFirst())) return f.kind();
        }
        return null;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) out.add(m.group());
        return out;
    }

    private Instant shift(Instant t, int years) {
        if (years == 0 || t.equals(Instant.MIN) || t.equals(Instant.MAX)) return t;
        return ZonedDateTime.ofInstant(t, zone).minusYears(years).toInstant();
    }

    private static Instant bound(Instant t) {
        return t.equals(Instant.MIN) || t.equals(Instant.MAX) ? null : t;
    }

    private LocalDate day(Instant t) {
        return t.equals(Instant.MIN) || t.equals(Instant.MAX) ? null : LocalDate.ofInstant(t, zone);
    }
}
