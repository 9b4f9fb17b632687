package dev.docent.indexer.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vectors by (model id, SHA-256 of the exact text given to the embedder), in one SQLite file.
 *
 * <p>Trust: a row is written in one transaction with its key, so after a crash it is there whole
 * or not at all (SQLite's WAL checksums its frames); a vector is only ever stored under the hash
 * of the very text it was computed from, by the model named in its key, and one of the wrong
 * length is never returned. Losing rows (a crash before {@link #flush()}, a deleted file) costs
 * only embedding time. Puts are buffered and written together on {@link #flush()} (the indexer
 * flushes at each index commit), one transaction for many vectors. Thread-safe.
 */
public final class EmbeddingCache implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddingCache.class);

    /** File name under the data directory. */
    public static final String FILE = "embedding-cache.db";
    /** Buffered puts beyond this are written at once. */
    private static final int FLUSH_AT = 512;

    private final Connection db;
    private final Map<Key, float[]> pending = new LinkedHashMap<>();

    private record Key(String model, String hash) {}

    private EmbeddingCache(Connection db) {
        this.db = db;
    }

    /**
     * Opens (creating if needed) the cache in {@code file}. A file SQLite cannot read as a
     * database is replaced by an empty cache: it only costs embedding time.
     */
    public static EmbeddingCache open(Path file) {
        try {
            return new EmbeddingCache(connect(file));
        } catch (SQLException first) {
            log.warn("The embedding cache {} cannot be read ({}); starting an empty one", file, first.getMessage());
            try {
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    java.nio.file.Files.deleteIfExists(Path.of(file + suffix));
                }
                return new EmbeddingCache(connect(file));
            } catch (SQLException | java.io.IOException e) {
                throw new IllegalStateException("Cannot open the embedding cache " + file + ": " + e.getMessage()
                        + " (it is only a cache: deleting the file is safe)", e);
            }
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("CREATE TABLE IF NOT EXISTS embeddings (model TEXT NOT NULL, text_sha256 TEXT NOT NULL,"
                    + " vector BLOB NOT NULL, PRIMARY KEY (model, text_sha256)) WITHOUT ROWID");
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** SHA-256 (hex) of {@code text} as UTF-8: the key of the text's vector. */
    public static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The vector stored for (model, hash) with {@code dimensions} values, or null. */
    public synchronized float[] get(String model, String hash, int dimensions) {
        float[] buffered = pending.get(new Key(model, hash));
        if (buffered != null) return buffered.length == dimensions ? buffered.clone() : null;
        try (PreparedStatement ps = db.prepareStatement("SELECT vector FROM embeddings WHERE model = ? AND text_sha256 = ?")) {
            ps.setString(1, model);
            ps.setString(2, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                byte[] bytes = rs.getBytes(1);
                if (bytes == null || bytes.length != dimensions * Float.BYTES) return null; // never a wrong-sized vector
                float[] v = new float[dimensions];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                return v;
            }
        } catch (SQLException e) {
            return null; // a cache that cannot be read is a miss
        }
    }

    /** Remembers {@code vector} as the embedding of the text hashed to {@code hash} by {@code model}. */
    public synchronized void put(String model, String hash, float[] vector) {
        pending.put(new Key(model, hash), vector.clone());
        if (pending.size() >= FLUSH_AT) flush();
    }

    /** Writes the buffered puts in one transaction. A failure drops them: it is only a cache. */
    public synchronized void flush() {
        if (pending.isEmpty()) return;
        try {
            db.setAutoCommit(false);
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT OR REPLACE INTO embeddings(model, text_sha256, vector) VALUES (?, ?, ?)")) {
                for (var e : pending.entrySet()) {
                    ByteBuffer b = ByteBuffer.allocate(e.getValue().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(e.getValue());
                    ps.setString(1, e.getKey().model());
                    ps.setString(2, e.getKey().hash());
                    ps.setBytes(3, b.array());
                    ps.addBatch();
                }
                ps.executeBatch();
                db.commit();
            } catch (SQLException e) {
                db.rollback();
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the cache stays as it was
        } finally {
            pending.clear();
        }
    }

    /** Entries stored (flushed or not). */
    public synchronized int size() {
        flush();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM embeddings")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    /**
     * Drops every entry but those of {@code model} whose hash is in {@code referenced}, and those
     * of the other {@code liveModels} (e.g. a generation still being built or still answering).
     * Returns how many were dropped.
     */
    public synchronized int retainOnly(String model, Set<String> referenced, Set<String> liveModels) {
        flush();
        List<String> drop = new ArrayList<>();
        int dropped = 0;
        try {
            try (PreparedStatement ps = db.prepareStatement("SELECT text_sha256 FROM embeddings WHERE model = ?")) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) if (!referenced.contains(rs.getString(1))) drop.add(rs.getString(1));
                }
            }
            db.setAutoCommit(false);
            try (PreparedStatement del = db.prepareStatement("DELETE FROM embeddings WHERE model = ? AND text_sha256 = ?");
                    PreparedStatement others = db.prepareStatement("SELECT DISTINCT model FROM embeddings");
                    PreparedStatement delModel = db.prepareStatement("DELETE FROM embeddings WHERE model = ?")) {
                for (String h : drop) {
                    del.setString(1, model);
                    del.setString(2, h);
                    del.addBatch();
                }
                for (int n : del.executeBatch()) dropped += Math.max(n, 0);
                List<String> deadModels = new ArrayList<>();
                try (ResultSet rs = others.executeQuery()) {
                    while (rs.next()) {
                        String m = rs.getString(1);
                        if (!m.equals(model) && !liveModels.contains(m)) deadModels.add(m);
                    }
                }
                for (String m : deadModels) {
                    delModel.setString(1, m);
                    dropped += delModel.executeUpdate();
                }
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return 0; // eviction is best effort; the next sync tries again
        }
        return dropped;
    }

    @Override
    public synchronized void close() {
        try {
            flush();
        } finally {
            try {
                db.close();
            } catch (SQLException ignored) {
                // nothing left to lose
            }
        }
    }
}
