package dev.docent.indexer.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog database. One connection, serialised by this object's monitor: writes are tiny and
 * SQLite allows one writer anyway.
 */
public final class Catalog implements AutoCloseable {

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS documents (
              path       TEXT PRIMARY KEY,
              size       INTEGER NOT NULL,
              modified   INTEGER NOT NULL,
              sha256     TEXT,
              status     TEXT NOT NULL,
              error      TEXT,
              title      TEXT,
              pages      INTEGER NOT NULL DEFAULT 0,
              chunks     INTEGER NOT NULL DEFAULT 0,
              indexed_at INTEGER,
              seen_at    INTEGER NOT NULL,
              attempts   INTEGER NOT NULL DEFAULT 0,
              retry_at   INTEGER,
              note       TEXT
            );
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """;

    private final Connection db;

    private Catalog(Connection db) {
        this.db = db;
    }

    /**
     * Opens the catalog for reading only (ask, and any process beside a running serve): no schema
     * change, no write, no lock held beyond a read.
     */
    public static Catalog openReadOnly(Path file) {
        try {
            var config = new org.sqlite.SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(5000);
            return new Catalog(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties()));
        } catch (SQLException e) {
            throw new CatalogException("Cannot read the catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens (creating if needed) the catalog file. */
    public static Catalog open(Path file) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) s.execute(ddl);
                }
                addRetryColumns(s);
            }
            return new Catalog(c);
        } catch (SQLException e) {
            throw new CatalogException("Cannot open the catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** Catalogs written before retries existed lack these columns: add them in place. */
    private static void addRetryColumns(Statement s) throws SQLException {
        boolean present = false;
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(documents)")) {
            while (rs.next()) present |= rs.getString("name").equals("retry_at");
        }
        if (!present) {
            s.execute("ALTER TABLE documents ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0");
            s.execute("ALTER TABLE documents ADD COLUMN retry_at INTEGER");
        }
        boolean note = false;
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(documents)")) {
            while (rs.next()) note |= rs.getString("name").equals("note");
        }
        if (!note) s.execute("ALTER TABLE documents ADD COLUMN note TEXT"); // catalogs from before OCR notes
    }

    public synchronized Optional<DocumentRecord> find(String path) {
        try (PreparedStatement ps = db.prepareStatement("SELECT * FROM documents WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    /** Every record, ordered by path. */
    public synchronized List<DocumentRecord> all() {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM documents ORDER BY path")) {
            List<DocumentRecord> out = new ArrayList<>();
            while (rs.next()) out.add(read(rs));
            return out;
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    /**
     * One page of the records, ordered by path: those with {@code status} (null: any), that need
     * OCR if {@code needsOcr} (as {@link DocumentRecord#needsOcr()}), whose path or title contains
     * {@code text} ignoring ASCII case (null: any), skipping {@code offset}, at most {@code limit}.
     * Filtered and counted in SQLite, so a page of a large catalog costs neither the memory of
     * every record nor a long hold of this catalog, which the running sync writes.
     */
    public synchronized DocumentPage page(DocumentStatus status, boolean needsOcr, String text, int offset, int limit) {
        String where = " WHERE (?1 IS NULL OR status = ?1)"
                + " AND (?2 = 0 OR error LIKE '%need OCR%' OR error LIKE '%needs OCR%' OR error LIKE '%no text layer%'"
                + " OR note LIKE '%need OCR%' OR note LIKE '%needs OCR%' OR note LIKE '%no text layer%')"
                + " AND (?3 IS NULL OR instr(lower(path), ?3) > 0 OR instr(lower(coalesce(title, '')), ?3) > 0)";
        String needle = text == null || text.isBlank() ? null : text.strip().toLowerCase(java.util.Locale.ROOT);
        try (PreparedStatement count = db.prepareStatement("SELECT COUNT(*) FROM documents" + where);
                PreparedStatement rows = db.prepareStatement("SELECT * FROM documents" + where + " ORDER BY path LIMIT ?4 OFFSET ?5")) {
            for (PreparedStatement ps : List.of(count, rows)) {
                ps.setString(1, status == null ? null : status.name());
                ps.setInt(2, needsOcr ? 1 : 0);
                ps.setString(3, needle);
            }
            rows.setInt(4, limit);
            rows.setInt(5, offset);
            int matching;
            try (ResultSet rs = count.executeQuery()) {
                matching = rs.next() ? rs.getInt(1) : 0;
            }
            List<DocumentRecord> out = new ArrayList<>(Math.min(limit, 1024));
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
            return new DocumentPage(matching, out);
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    private static final String PUT = """
            INSERT INTO documents(path, size, modified, sha256, status, error, title, pages, chunks, indexed_at, seen_at,
              attempts, retry_at, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET size=excluded.size, modified=excluded.modified,
              sha256=excluded.sha256, status=excluded.status, error=excluded.error, title=excluded.title,
              pages=excluded.pages, chunks=excluded.chunks, indexed_at=excluded.indexed_at, seen_at=excluded.seen_at,
              attempts=excluded.attempts, retry_at=excluded.retry_at, note=excluded.note
            """;

    /** Meta key of the sequence number of the index commit the catalog matches. */
    public static final String INDEX_SEQUENCE = "index_sequence";

    /** Inserts or replaces the whole record. */
    public synchronized void put(DocumentRecord r) {
        try (PreparedStatement ps = db.prepareStatement(PUT)) {
            bind(ps, r);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    /**
     * Writes the records and deletions of a batch whose chunks are in the index commit numbered
     * {@code indexSequence}, and that number, in ONE transaction: after a crash the catalog holds
     * either all of the batch or none of it.
     */
    public synchronized void commitBatch(List<DocumentRecord> records, List<String> deletedPaths, long indexSequence) {
        try {
            db.setAutoCommit(false);
            try (PreparedStatement put = db.prepareStatement(PUT);
                    PreparedStatement del = db.prepareStatement("DELETE FROM documents WHERE path = ?");
                    PreparedStatement meta = db.prepareStatement(
                            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                for (DocumentRecord r : records) {
                    bind(put, r);
                    put.executeUpdate();
                }
                for (String path : deletedPaths) {
                    del.setString(1, path);
                    del.executeUpdate();
                }
                meta.setString(1, INDEX_SEQUENCE);
                meta.setString(2, Long.toString(indexSequence));
                meta.executeUpdate();
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    private static void bind(PreparedStatement ps, DocumentRecord r) throws SQLException {
        ps.setString(1, r.path());
        ps.setLong(2, r.size());
        ps.setLong(3, r.modified().toEpochMilli());
        ps.setString(4, r.sha256());
        ps.setString(5, r.status().name());
        ps.setString(6, r.error());
        ps.setString(7, r.title());
        ps.setInt(8, r.pages());
        ps.setInt(9, r.chunks());
        if (r.indexedAt() == null) ps.setNull(10, java.sql.Types.INTEGER);
        else ps.setLong(10, r.indexedAt().toEpochMilli());
        ps.setLong(11, System.currentTimeMillis());
        ps.setInt(12, r.attempts());
        if (r.retryAt() == null) ps.setNull(13, java.sql.Types.INTEGER);
        else ps.setLong(13, r.retryAt().toEpochMilli());
        ps.setString(14, r.note());
    }

    public synchronized void delete(String path) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM documents WHERE path = ?")) {
            ps.setString(1, path);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    /** Count of records per status (every status present, zero if none). */
    public synchronized Map<DocumentStatus, Integer> countByStatus() {
        Map<DocumentStatus, Integer> counts = new EnumMap<>(DocumentStatus.class);
        for (DocumentStatus s : DocumentStatus.values()) counts.put(s, 0);
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM documents GROUP BY status")) {
            while (rs.next()) counts.put(DocumentStatus.valueOf(rs.getString(1)), rs.getInt(2));
            return counts;
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    public synchronized Optional<String> meta(String key) {
        try (PreparedStatement ps = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    public synchronized void setMeta(String key, String value) {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    private static DocumentRecord read(ResultSet rs) throws SQLException {
        long indexedAt = rs.getLong("indexed_at");
        boolean noIndexedAt = rs.wasNull();
        long retryAt = rs.getLong("retry_at");
        boolean noRetryAt = rs.wasNull();
        return new DocumentRecord(
                rs.getString("path"),
                rs.getLong("size"),
                Instant.ofEpochMilli(rs.getLong("modified")),
                rs.getString("sha256"),
                DocumentStatus.valueOf(rs.getString("status")),
                rs.getString("error"),
                rs.getString("title"),
                rs.getInt("pages"),
                rs.getInt("chunks"),
                noIndexedAt ? null : Instant.ofEpochMilli(indexedAt),
                rs.getInt("attempts"),
                noRetryAt ? null : Instant.ofEpochMilli(retryAt),
                rs.getString("note"));
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }
}
