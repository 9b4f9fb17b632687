package dev.docent.assistant.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link DocumentFilters} from the names every adapter uses: {@code /ask}'s {@code "filters"}
 * object, {@code /api/search}'s query parameters and the MCP tools' arguments all go through
 * {@link #parse}, so they accept the same things and refuse them with the same words.
 *
 * <ul>
 *   <li>{@code folder}: a folder name or an absolute folder
 *   <li>{@code type}: a file type or a list of them ({@code "pdf"}, {@code ["docx", "odt"]}, {@code "pdf,docx"})
 *   <li>{@code modified_after}, {@code modified_before}: a day ({@code 2025-03-01}, midnight here) or an
 *       instant ({@code 2025-03-01T09:00:00Z})
 *   <li>{@code dated_after}, {@code dated_before}: days the text mentions (see {@link DocumentFilters#mentionsFrom})
 * </ul>
 */
public final class FilterParams {

    /** The names {@link #parse} accepts. */
    public static final List<String> NAMES = List.of("folder", "type", "modified_after", "modified_before", "dated_after",
            "dated_before");

    private FilterParams() {}

    /**
     * @param values name → a string, or a list of strings for {@code type}; null or missing: no condition
     * @throws IllegalArgumentException naming the field and what it takes
     */
    public static DocumentFilters parse(Map<String, ?> values, ZoneId zone) {
        if (values == null || values.isEmpty()) return DocumentFilters.NONE;
        for (String name : values.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown filter \"" + name + "\"; filters are " + NAMES);
            }
        }
        return new DocumentFilters(text(values, "folder"), types(values.get("type")),
                instant(values, "modified_after", zone), instant(values, "modified_before", zone),
                day(values, "dated_after"), day(values, "dated_before"));
    }

    private static String text(Map<String, ?> values, String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (!(v instanceof String s)) throw new IllegalArgumentException("filter \"" + name + "\" must be a string");
        return s;
    }

    private static Set<String> types(Object v) {
        Set<String> out = new LinkedHashSet<>();
        if (v == null) return out;
        if (v instanceof String s) {
            for (String part : s.split(",")) if (!part.isBlank()) out.add(part);
        } else if (v instanceof Collection<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) throw new IllegalArgumentException("filter \"type\" must be strings, e.g. [\"pdf\", \"docx\"]");
                out.add(s);
            }
        } else {
            throw new IllegalArgumentException("filter \"type\" must be a string or a list of strings, e.g. \"pdf\"");
        }
        for (String t : out) {
            if (!t.strip().replaceFirst("^\\.", "").matches("[A-Za-z0-9]{1,10}")) {
                throw new IllegalArgumentException("filter \"type\" takes file types such as pdf or docx; got \"" + t + "\"");
            }
        }
        return out;
    }

    private static Instant instant(Map<String, ?> values, String name, ZoneId zone) {
        String s = text(values, name);
        if (s == null || s.isBlank()) return null;
        try {
            return LocalDate.parse(s.strip()).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADay) {
            try {
                return OffsetDateTime.parse(s.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("filter \"" + name + "\" must be a day (2025-03-01) or a time"
                        + " (2025-03-01T09:00:00Z); got \"" + s + "\"");
            }
        }
    }

    private static LocalDate day(Map<String, ?> values, String name) {
        String s = text(values, name);
        if (s == null || s.isBlank()) return null;
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("filter \"" + name + "\" must be a day such as 2025-03-01; got \"" + s + "\"");
        }
    }
}
