package dev.docent.assistant.collection;

import java.time.Instant;
import java.util.Objects;

/**
 * A time phrase found in a question, as the half-open interval {@code [from, to)}. An open end is
 * {@link Instant#MIN} ("before 2025") or {@link Instant#MAX} ("after 2023"), so a caller filters
 * with two comparisons and no special case. {@code matched} is the phrase exactly as it stands in
 * the (NFC-normalised) question, so a caller can remove it and keep the rest as the subject.
 */
public record TimeRange(Instant from, Instant to, String matched, Kind kind) {

    /** What the time is about: a date catalogs store differently (modification time vs. document date). */
    public enum Kind {
        /** The question asks when something was changed, modified, updated, added or is new. */
        CHANGED,
        /** A date in general ("invoices from 2024"): the document's date, or its modification time if it has none. */
        DATED
    }

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(matched, "matched");
        Objects.requireNonNull(kind, "kind");
    }

    /** Whether {@code t} lies in {@code [from, to)}. */
    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
