package dev.docent.indexer.catalog;

import dev.docent.indexer.halt.HaltPoints;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
              note       TEXT,
              author     TEXT,
              created    INTEGER,
              language   TEXT,
              type       TEXT NOT NULL DEFAULT '',
              name_key   TEXT
            );
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS document_dates (
              path TEXT NOT NULL,
              day  INTEGER NOT NULL,
              PRIMARY KEY (path, day)
            ) WITHOUT ROWID;
            """;

    /** Indexes of what {@link #query} filters on (made after old catalogs gained the columns). */
    private static final String INDEXES = """
            CREATE INDEX IF NOT EXISTS documents_modified ON documents(modified);
            CREATE INDEX IF NOT EXISTS documents_created ON documents(created);
            CREATE INDEX IF NOT EXISTS documents_language ON documents(language);
            CREATE INDEX IF NOT EXISTS documents_type ON documents(type);
            CREATE INDEX IF NOT EXISTS document_dates_day ON document_dates(day, path);
            """;

    private final Connection db;
    /** Whether the documents table has the metadata columns (false: a read-only catalog from before them). */
    private final boolean metadata;
    /** Whether it has {@code name_key} (false: a read-only catalog from before it; names then do not narrow). */
    private final boolean nameKeys;

    private Catalog(Connection db) throws SQLException {
        this.db = db;
        try (Statement s = db.createStatement()) {
            this.metadata = hasColumn(s, "language");
            this.nameKeys = hasColumn(s, "name_key");
        }
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
                addMetadataColumns(s);
                addNameKeys(s);
                for (String ddl : INDEXES.split(";")) {
                    if (!ddl.isBlank()) s.execute(ddl);
                }
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

    /** Catalogs from before document metadata (issue 17): add the columns, and each row's type. */
    private static void addMetadataColumns(Statement s) throws SQLException {
        if (hasColumn(s, "language")) return;
        s.execute("ALTER TABLE documents ADD COLUMN author TEXT");
        s.execute("ALTER TABLE documents ADD COLUMN created INTEGER");
        s.execute("ALTER TABLE documents ADD COLUMN language TEXT");
        s.execute("ALTER TABLE documents ADD COLUMN type TEXT NOT NULL DEFAULT ''");
        List<String> paths = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT path FROM documents")) {
            while (rs.next()) paths.add(rs.getString(1));
        }
        try (PreparedStatement ps = s.getConnection().prepareStatement("UPDATE documents SET type = ? WHERE path = ?")) {
            for (String path : paths) {
                ps.setString(1, DocumentRecord.typeOf(path));
                ps.setString(2, path);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Catalogs from before {@link NameWords}: add the folded name and title of every row, in one transaction. */
    private static void addNameKeys(Statement s) throws SQLException {
        if (hasColumn(s, "name_key")) return;
        Connection c = s.getConnection();
        c.setAutoCommit(false);
        try {
            s.execute("ALTER TABLE documents ADD COLUMN name_key TEXT");
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT path, title FROM documents")) {
                while (rs.next()) rows.add(new String[] {rs.getString(1), rs.getString(2)});
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET name_key = ? WHERE path = ?")) {
                for (String[] r : rows) {
                    ps.setString(1, NameKey.of(r[0], r[1]));
                    ps.setString(2, r[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static boolean hasColumn(Statement s, String column) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(documents)")) {
            while (rs.next()) {
                if (rs.getString("name").equals(column)) return true;
            }
        }
        return false;
    }

    public synchronized Optional<DocumentRecord> find(String path) {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + columns() + " FROM documents WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    /**
     * The stamp of every row by path, in one statement: what a sync needs to tell that a walked
     * file is unchanged without a query of its own.
     */
    public synchronized Map<String, FileStamp> stamps() {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT path, size, modified, status, retry_at FROM documents")) {
            Map<String, FileStamp> out = new HashMap<>();
            while (rs.next()) {
                long retryAt = rs.getLong(5);
                if (rs.wasNull()) retryAt = FileStamp.NO_RETRY;
                out.put(rs.getString(1), new FileStamp(rs.getLong(2), rs.getLong(3), DocumentStatus.valueOf(rs.getString(4)), retryAt));
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    /** Every record, ordered by path. */
    public synchronized List<DocumentRecord> all() {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + columns() + " FROM documents ORDER BY path")) {
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
                PreparedStatement rows = db.prepareStatement("SELECT " + columns() + " FROM documents" + where + " ORDER BY path LIMIT ?4 OFFSET ?5")) {
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
              attempts, retry_at, note, author, created, language, type, name_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET size=excluded.size, modified=excluded.modified,
              sha256=excluded.sha256, status=excluded.status, error=excluded.error, title=excluded.title,
              pages=excluded.pages, chunks=excluded.chunks, indexed_at=excluded.indexed_at, seen_at=excluded.seen_at,
              attempts=excluded.attempts, retry_at=excluded.retry_at, note=excluded.note, author=excluded.author,
              created=excluded.created, language=excluded.language, type=excluded.type, name_key=excluded.name_key
            """;

    /** Meta key of the sequence number of the index commit the catalog matches. */
    public static final String INDEX_SEQUENCE = "index_sequence";

    /** Inserts or replaces the whole record; the dates its text mentions stay as they are. */
    public synchronized void put(DocumentRecord r) {
        try (PreparedStatement ps = db.prepareStatement(PUT)) {
            bind(ps, r);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    /** Inserts or replaces the whole records in one transaction (all or none); their text dates stay as they are. */
    public synchronized void putAll(List<DocumentRecord> records) {
        if (records.isEmpty()) return;
        inTransaction(() -> {
            try (PreparedStatement ps = db.prepareStatement(PUT)) {
                for (DocumentRecord r : records) {
                    bind(ps, r);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** As {@link #commitBatch(List, Map, List, long)} with every record's text dates left as they are. */
    public synchronized void commitBatch(List<DocumentRecord> records, List<String> deletedPaths, long indexSequence) {
        commitBatch(records, Map.of(), deletedPaths, indexSequence);
    }

    /**
     * Writes the records and deletions of a batch whose chunks are in the index commit numbered
     * {@code indexSequence}, and that number, in ONE transaction: after a crash the catalog holds
     * either all of the batch or none of it. {@code textDates} replaces the dates a record's text
     * mentions (a record whose path it lacks keeps those it had); a deleted path loses its row and
     * its dates. Records are written first, then dates, then deletions.
     */
    public synchronized void commitBatch(List<DocumentRecord> records, Map<String, List<LocalDate>> textDates,
            List<String> deletedPaths, long indexSequence) {
        inTransaction(() -> {
            try (PreparedStatement put = db.prepareStatement(PUT);
                    PreparedStatement del = db.prepareStatement("DELETE FROM documents WHERE path = ?");
                    PreparedStatement delDates = db.prepareStatement("DELETE FROM document_dates WHERE path = ?");
                    PreparedStatement putDate = db.prepareStatement(
                            "INSERT OR IGNORE INTO document_dates(path, day) VALUES (?, ?)");
                    PreparedStatement meta = db.prepareStatement(
                            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                for (DocumentRecord r : records) {
                    bind(put, r);
                    put.executeUpdate();
                }
                for (var e : textDates.entrySet()) {
                    delDates.setString(1, e.getKey());
                    delDates.executeUpdate();
                    for (LocalDate day : e.getValue()) {
                        putDate.setString(1, e.getKey());
                        putDate.setLong(2, day.toEpochDay());
                        putDate.addBatch();
                    }
                    putDate.executeBatch();
                }
                for (String path : deletedPaths) {
                    del.setString(1, path);
                    del.executeUpdate();
                    delDates.setString(1, path);
                    delDates.executeUpdate();
                }
                meta.setString(1, INDEX_SEQUENCE);
                meta.setString(2, Long.toString(indexSequence));
                meta.executeUpdate();
                HaltPoints.reach(HaltPoints.CATALOG_TRANSACTION); // every row written, none committed
            }
        });
    }

    /** Work on the connection that {@link #inTransaction} commits whole or not at all. */
    private interface TransactionWork {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed whole, or rolled back (an exception from it
     * is rethrown, SQLite's as a {@link CatalogException}). The one place that switches auto-commit.
     */
    private void inTransaction(TransactionWork work) {
        try {
            db.setAutoCommit(false);
            try {
                work.run();
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
        ps.setString(15, r.author());
        if (r.created() == null) ps.setNull(16, java.sql.Types.INTEGER);
        else ps.setLong(16, r.created().toEpochMilli());
        ps.setString(17, r.language());
        ps.setString(18, r.type());
        ps.setString(19, NameKey.of(r.path(), r.title()));
    }

    /** Deletes the row of {@code path} and the dates of its text, in one transaction. */
    public synchronized void delete(String path) {
        inTransaction(() -> {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM documents WHERE path = ?");
                    PreparedStatement dates = db.prepareStatement("DELETE FROM document_dates WHERE path = ?")) {
                ps.setString(1, path);
                ps.executeUpdate();
                dates.setString(1, path);
                dates.executeUpdate();
            }
        });
    }

    /** The distinct dates the text of {@code path} mentions, in calendar order (empty if none or unknown). */
    public synchronized List<LocalDate> textDates(String path) {
        if (!metadata) return List.of();
        try (PreparedStatement ps = db.prepareStatement("SELECT day FROM document_dates WHERE path = ? ORDER BY day")) {
            ps.setString(1, path);
            List<LocalDate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(LocalDate.ofEpochDay(rs.getLong(1)));
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    /** The dates the text of every row mentions, by path (paths without any are absent), in one statement. */
    public synchronized Map<String, List<LocalDate>> allTextDates() {
        Map<String, List<LocalDate>> out = new HashMap<>();
        if (!metadata) return out;
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT path, day FROM document_dates ORDER BY path, day")) {
            while (rs.next()) out.computeIfAbsent(rs.getString(1), p -> new ArrayList<>()).add(LocalDate.ofEpochDay(rs.getLong(2)));
            return out;
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    /**
     * Every record that matches {@code query}, ordered by path, filtered in SQLite over indexed
     * columns (no limit: a query's answer is a set of documents to work on, not a page to show).
     */
    public synchronized List<DocumentRecord> query(DocumentQuery query) {
        QuerySql sql = QuerySql.of(query, nameKeys);
        requireMetadata();
        try (PreparedStatement ps = db.prepareStatement("SELECT " + columns() + " FROM documents" + sql.where() + " ORDER BY path")) {
            sql.bind(ps);
            List<DocumentRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    /** How many records match {@code query} (as {@link #query}, counted in SQLite). */
    public synchronized int count(DocumentQuery query) {
        QuerySql sql = QuerySql.of(query, nameKeys);
        requireMetadata();
        try (PreparedStatement ps = db.prepareStatement("SELECT COUNT(*) FROM documents" + sql.where())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new CatalogException(e);
        }
    }

    private void requireMetadata() {
        if (!metadata) {
            throw new CatalogException("this catalog is from before document metadata: open the data directory with"
                    + " docent serve or docent index once to add it", null);
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

    /** The columns {@link #read} reads, in its order (by position: a record costs no name lookups). */
    private static final String COLUMNS = "path, size, modified, sha256, status, error, title, pages, chunks, indexed_at,"
            + " attempts, retry_at, note";
    private static final String METADATA_COLUMNS = ", author, created, language";

    private String columns() {
        return metadata ? COLUMNS + METADATA_COLUMNS : COLUMNS;
    }

    private DocumentRecord read(ResultSet rs) throws SQLException {
        long indexedAt = rs.getLong(10);
        boolean noIndexedAt = rs.wasNull();
        long retryAt = rs.getLong(12);
        boolean noRetryAt = rs.wasNull();
        String path = rs.getString(1);
        long size = rs.getLong(2);
        Instant modified = Instant.ofEpochMilli(rs.getLong(3));
        String sha256 = rs.getString(4);
        DocumentStatus status = DocumentStatus.valueOf(rs.getString(5));
        String error = rs.getString(6);
        String title = rs.getString(7);
        int pages = rs.getInt(8);
        int chunks = rs.getInt(9);
        int attempts = rs.getInt(11);
        String note = rs.getString(13);
        String author = null;
        Instant created = null;
        String language = null;
        if (metadata) {
            author = rs.getString(14);
            long c = rs.getLong(15);
            created = rs.wasNull() ? null : Instant.ofEpochMilli(c);
            language = rs.getString(16);
        }
        return new DocumentRecord(path, size, modified, sha256, status, error, title, pages, chunks,
                noIndexedAt ? null : Instant.ofEpochMilli(indexedAt), attempts, noRetryAt ? null : Instant.ofEpochMilli(retryAt),
                note, author, created, language);
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
