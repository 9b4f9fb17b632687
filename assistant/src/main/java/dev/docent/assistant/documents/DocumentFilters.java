package dev.docent.assistant.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which documents a question or a search is about, by their metadata: what {@code /ask}'s
 * {@code "filters"}, {@code /api/search}'s parameters and the MCP tools accept, and what a
 * collection question's own words ("PDFs", "in the contracts folder", "last week", "from 2024")
 * add. Every field is optional (null or empty: no condition); intervals are half-open.
 *
 * @param folder a folder: a document is inside it when one of its path's folders has this name or
 *     its path starts with this absolute folder
 * @param types file types as lowercase extensions without the dot ({@code pdf}, {@code docx})
 * @param modifiedFrom modified at or after
 * @param modifiedTo modified before
 * @param mentionsFrom the text mentions a date on or after this day (or, with no date in its text,
 *     the document was created or modified then)
 * @param mentionsTo ... before this day
 */
public record DocumentFilters(String folder, Set<String> types, Instant modifiedFrom, Instant modifiedTo,
        LocalDate mentionsFrom, LocalDate mentionsTo) {

    public static final DocumentFilters NONE = new DocumentFilters(null, Set.of(), null, null, null, null);

    public DocumentFilters {
        folder = folder == null || folder.isBlank() ? null : folder.strip();
        TreeSet<String> t = new TreeSet<>();
        if (types != null) {
            for (String type : types) {
                String s = type.strip().toLowerCase(Locale.ROOT);
                if (s.startsWith(".")) s = s.substring(1);
                if (!s.isEmpty()) t.add(s);
            }
        }
        types = Set.copyOf(t);
        if (modifiedFrom != null && modifiedTo != null && !modifiedFrom.isBefore(modifiedTo)) {
            throw new IllegalArgumentException("modified_after " + modifiedFrom + " is not before modified_before " + modifiedTo);
        }
        if (mentionsFrom != null && mentionsTo != null && !mentionsFrom.isBefore(mentionsTo)) {
            throw new IllegalArgumentException("the date range " + mentionsFrom + " to " + mentionsTo + " is empty");
        }
    }

    /** True when no condition is set. */
    public boolean none() {
        return folder == null && types.isEmpty() && modifiedFrom == null && modifiedTo == null && mentionsFrom == null
                && mentionsTo == null;
    }

    /** These conditions and {@code other}'s together (a field set in both: {@code other}'s, the narrower ask). */
    public DocumentFilters and(DocumentFilters other) {
        return new DocumentFilters(other.folder != null ? other.folder : folder, other.types.isEmpty() ? types : other.types,
                later(modifiedFrom, other.modifiedFrom), earlier(modifiedTo, other.modifiedTo),
                later(mentionsFrom, other.mentionsFrom), earlier(mentionsTo, other.mentionsTo));
    }

    public DocumentFilters withFolder(String f) {
        return new DocumentFilters(f, types, modifiedFrom, modifiedTo, mentionsFrom, mentionsTo);
    }

    public DocumentFilters withTypes(Set<String> t) {
        return new DocumentFilters(folder, t, modifiedFrom, modifiedTo, mentionsFrom, mentionsTo);
    }

    public DocumentFilters withModified(Instant from, Instant to) {
        return new DocumentFilters(folder, types, from, to, mentionsFrom, mentionsTo);
    }

    public DocumentFilters withMentions(LocalDate from, LocalDate to) {
        return new DocumentFilters(folder, types, modifiedFrom, modifiedTo, from, to);
    }

    private static <T extends Comparable<? super T>> T later(T a, T b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    private static <T extends Comparable<? super T>> T earlier(T a, T b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    /** In words, for an answer's coverage line: "PDF, in contracts, modified since 2026-11-28". */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (!types.isEmpty()) s.append(String.join("/", types).toUpperCase(Locale.ROOT)).append(" files");
        if (folder != null) s.append(s.isEmpty() ? "" : ", ").append("in ").append(folder);
        if (modifiedFrom != null || modifiedTo != null) {
            s.append(s.isEmpty() ? "" : ", ").append("modified");
            if (modifiedFrom != null) s.append(" since ").append(modifiedFrom);
            if (modifiedTo != null) s.append(" before ").append(modifiedTo);
        }
        if (mentionsFrom != null || mentionsTo != null) {
            s.append(s.isEmpty() ? "" : ", ").append("dated");
            if (mentionsFrom != null) s.append(" from ").append(mentionsFrom);
            if (mentionsTo != null) s.append(" before ").append(mentionsTo);
        }
        return s.toString();
    }
}
