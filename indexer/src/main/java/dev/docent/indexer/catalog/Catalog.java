package dev.docent.indexer.catalog;

import dev.docent.indexer.DocumentRecord;
import dev.docent.indexer.DocumentStatus;
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
              retry_at   INTEGER
            );
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """;

    private final Connection db;

    private Catalog(Connection db) {
        this.db = db;
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

    /** Inserts or replaces the whole record. */
    public synchronized void put(DocumentRecord r) {
        String sql = """
                INSERT INTO documents(path, size, modified, sha256, status, error, title, pages, chunks, indexed_at, seen_at,
                  attempts, retry_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET size=excluded.size, modified=excluded.modified,
                  sha256=excluded.sha256, status=excluded.status, error=excluded.error, title=excluded.title,
                  pages=excluded.pages, chunks=excluded.chunks, indexed_at=excluded.indexed_at, seen_at=excluded.seen_at,
                  attempts=excluded.attempts, retry_at=excluded.retry_at
                """;
        try (PreparedStatement ps = db.prepareStatement(sql)) {
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
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
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
                noRetryAt ? null : Instant.ofEpochMilli(retryAt));
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
