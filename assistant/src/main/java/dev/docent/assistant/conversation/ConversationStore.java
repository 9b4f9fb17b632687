package dev.docent.assistant.conversation;

import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.Turn;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Conversations in SQLite. One connection, serialised by this object's monitor (writes are a few
 * rows per answer). Messages are numbered per conversation; deleting a conversation deletes them.
 */
public final class ConversationStore implements AutoCloseable {

    /** Longest title kept; a first question longer than this is cut for the title. */
    public static final int MAX_TITLE_CHARS = 200;
    private static final int AUTO_TITLE_CHARS = 80;

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS conversations (
              id         TEXT PRIMARY KEY,
              title      TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS messages (
              conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
              seq        INTEGER NOT NULL,
              role       TEXT NOT NULL,
              content    TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              answer_id  TEXT,
              mode       TEXT,
              model      TEXT,
              citations  TEXT,
              notes      TEXT,
              PRIMARY KEY (conversation_id, seq)
            )
            """;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection db;

    private ConversationStore(Connection db) {
        this.db = db;
    }

    /** Opens (creating if needed) the database file. */
    public static ConversationStore open(Path file) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA foreign_keys=ON");
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) s.execute(ddl);
                }
            }
            return new ConversationStore(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the conversations database " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new, empty conversation; a blank title is replaced by the first question when it comes. */
    public synchronized ConversationSummary create(String title) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        long now = System.currentTimeMillis();
        update("INSERT INTO conversations(id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                id, title == null ? "" : title, now, now);
        return summary(id).orElseThrow();
    }

    /** Every conversation, most recently changed first. */
    public synchronized List<ConversationSummary> list() {
        return summaries("SELECT c.*, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS n"
                + " FROM conversations c ORDER BY updated_at DESC, id", null);
    }

    public synchronized Optional<ConversationSummary> summary(String id) {
        return summaries("SELECT c.*, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS n"
                + " FROM conversations c WHERE id = ?", id).stream().findFirst();
    }

    /** The conversation with all its messages, oldest first. */
    public synchronized Optional<Conversation> find(String id) {
        Optional<ConversationSummary> summary = summary(id);
        if (summary.isEmpty()) return Optional.empty();
        List<StoredMessage> messages = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) messages.add(StoredMessages.read(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read conversation " + id + ": " + e.getMessage(), e);
        }
        return Optional.of(new Conversation(summary.get(), messages));
    }

    /** The latest {@code maxTurns} turns as history for the next question (empty answers left out). */
    public synchronized List<Turn> history(String id, int maxTurns) {
        List<Turn> turns = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT role, content FROM (SELECT * FROM messages"
                + " WHERE conversation_id = ? AND content <> '' ORDER BY seq DESC LIMIT ?) ORDER BY seq")) {
            ps.setString(1, id);
            ps.setInt(2, maxTurns);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) turns.add(new Turn(rs.getString("role"), rs.getString("content")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read conversation " + id + ": " + e.getMessage(), e);
        }
        return turns;
    }

    /** Renames; false if there is no such conversation. */
    public synchronized boolean rename(String id, String title) {
        return update("UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?", title, System.currentTimeMillis(), id) == 1;
    }

    /** Deletes the conversation and its messages; false if there is no such conversation. */
    public synchronized boolean delete(String id) {
        return update("DELETE FROM conversations WHERE id = ?", id) == 1;
    }

    /**
     * Adds a question and its answer, in one transaction; an untitled conversation takes the
     * question as its title. False if the conversation was deleted meanwhile.
     */
    public synchronized boolean append(String id, String question, Answer answer, String answerId) {
        try {
            db.setAutoCommit(false);
            try {
                long now = System.currentTimeMillis();
                String title = question.length() > AUTO_TITLE_CHARS ? question.substring(0, AUTO_TITLE_CHARS) + "\u2026" : question;
                if (update("UPDATE conversations SET updated_at = ?, title = CASE WHEN title = '' THEN ? ELSE title END"
                        + " WHERE id = ?", now, title, id) == 0) {
                    db.rollback();
                    return false;
                }
                int seq = nextSeq(id);
                update("INSERT INTO messages(conversation_id, seq, role, content, created_at) VALUES (?, ?, 'user', ?, ?)",
                        id, seq, question, now);
                update("INSERT INTO messages(conversation_id, seq, role, content, created_at, answer_id, mode, model, citations,"
                        + " notes) VALUES (?, ?, 'assistant', ?, ?, ?, ?, ?, ?, ?)", id, seq + 1, answer.answer(), now, answerId,
                        answer.mode(), answer.model(), StoredMessages.json(answer.citations()), StoredMessages.json(answer.notes()));
                db.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw new IllegalStateException("Cannot store the answer in conversation " + id + ": " + e.getMessage(), e);
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the answer in conversation " + id + ": " + e.getMessage(), e);
        }
    }

    private int nextSeq(String id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE conversation_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<ConversationSummary> summaries(String sql, String id) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (id != null) ps.setString(1, id);
            List<ConversationSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConversationSummary(rs.getString("id"), rs.getString("title"),
                            Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                            rs.getInt("n")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read conversations: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update conversations: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
