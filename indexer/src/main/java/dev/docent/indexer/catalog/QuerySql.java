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
 * each, and text dates are looked up by day in {@code document_dates}.
 */
record QuerySql(String where, List<Object> parameters) {

    static QuerySql of(DocumentQuery q) {
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
        return new QuerySql(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
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
