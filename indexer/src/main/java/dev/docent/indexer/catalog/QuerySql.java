package dev.docent.indexer.catalog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DocumentQuery} as a WHERE clause over {@code documents} and its parameters. Each part
 * can use an index: the folder is a range of the primary key (the folder's path up to its
 * separator, then up to the next character after it), types, times and language have an index
 * each, and text dates are looked up by day in {@code document_dates}; words of a name
 * ({@link NameWords}) are {@code instr} over the short folded {@code name_key} column: a scan, in
 * SQLite's C (a LIKE '%word%' over whole paths cost ~90-230 ms at 100,000 rows, GLOB with accent
 * classes ~450 ms; {@code instr} over the key a few ms per word).
 */
record QuerySql(String where, List<Object> parameters) {

    /** @param nameKeys whether the catalog has the {@code name_key} column (without it names do not narrow) */
    static QuerySql of(DocumentQuery q, boolean nameKeys) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (q.status() != null) {
            conditions.add("status = ?");
            params.add(q.status().name());
        }
        if (q.folder() != null) {
            String below = DocumentQuery.below(q.folder());
            // The folder and the paths below it sort from "folder" to before "folder0" ('0' follows
            // '/'): one range of the primary key; within it, "folder.txt" and "folder b/" are not below.
            String after = below.substring(0, below.length() - 1) + (char) (below.charAt(below.length() - 1) + 1);
            conditions.add("path >= ? AND path < ? AND (path = ? OR path >= ?)");
            params.add(q.folder());
            params.add(after);
            params.add(q.folder());
            params.add(below);
        }
        if (q.types() != null) {
            conditions.add("type IN (" + String.join(", ", q.types().stream().map(t -> "?").toList()) + ")");
            params.addAll(q.types().stream().sorted().toList());
        }
        range(conditions, params, "modified", millis(q.modifiedFrom()), millis(q.modifiedTo()));
        range(conditions, params, "created", millis(q.createdFrom()), millis(q.createdTo()));
        if (q.language() != null) {
            conditions.add("language = ?");
            params.add(q.language());
        }
        if (q.textDateFrom() != null || q.textDateTo() != null) {
            // Dates alone: the documents come from the dates' day index. With other filters, their
            // own index finds the candidates and each is looked up by (path, day): a wide range
            // would otherwise first collect most paths of the catalog.
            boolean datesAlone = conditions.size() == (q.status() == null ? 0 : 1);
            List<String> days = new ArrayList<>();
            range(days, params, datesAlone ? "day" : "t.day", q.textDateFrom() == null ? null : q.textDateFrom().toEpochDay(),
                    q.textDateTo() == null ? null : q.textDateTo().toEpochDay());
            String inRange = String.join(" AND ", days);
            conditions.add(datesAlone ? "path IN (SELECT path FROM document_dates WHERE " + inRange + ")"
                    : "EXISTS (SELECT 1 FROM document_dates t WHERE t.path = documents.path AND " + inRange + ")");
        }
        // Last: a scan of the short key, after what an index can find (the dates' day index above
        // is used only when the dates are the sole condition so far).
        if (q.nameWords() != null && nameKeys) conditions.add(named(q.nameWords(), params));
        return new QuerySql(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    /** Any extension, or every group with one of its words (each part of a hyphenated word) in the key. */
    private static String named(NameWords words, List<Object> params) {
        List<String> any = new ArrayList<>();
        for (String ext : words.extensions().stream().sorted().toList()) {
            any.add("path LIKE ?");
            params.add("%." + ext);
        }
        if (!words.groups().isEmpty()) {
            List<String> all = new ArrayList<>();
            for (var group : words.groups()) {
                List<String> one = new ArrayList<>();
                for (String w : redundantLeftOut(group)) {
                    List<String> parts = new ArrayList<>();
                    for (String part : w.split("-")) {
                        if (part.isEmpty()) continue;
                        parts.add("instr(name_key, ?) > 0");
                        params.add(part);
                    }
                    if (!parts.isEmpty()) one.add(String.join(" AND ", parts));
                }
                all.add("(" + String.join(" OR ", one) + ")");
            }
            any.add(String.join(" AND ", all));
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    /** The words without those that hold another of them ("invoices" holds "invoice"): they add no row. */
    private static List<String> redundantLeftOut(java.util.Set<String> group) {
        List<String> sorted = group.stream().sorted().toList();
        return sorted.stream().filter(w -> sorted.stream().noneMatch(o -> !o.equals(w) && w.contains(o))).toList();
    }

    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) ps.setObject(i + 1, parameters.get(i));
    }

    /** from ≤ column < to; a null end is open (but a column that is null never matches a range). */
    private static void range(List<String> conditions, List<Object> params, String column, Long from, Long to) {
        if (from == null && to == null) return;
        if (from != null) {
            conditions.add(column + " >= ?");
            params.add(from);
        }
        if (to != null) {
            conditions.add(column + " < ?");
            params.add(to);
        }
    }

    /**
     * The catalog stores whole milliseconds: t ≥ from and t < to hold for a stored millisecond m
     * exactly when m ≥ ceil(from) and m < ceil(to).
     */
    private static Long millis(Instant t) {
        if (t == null) return null;
        long m = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? m : m + 1;
    }
}
