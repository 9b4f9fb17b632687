package dev.docent.assistant.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.assistant.answer.Citation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Rows of the messages table to and from {@link StoredMessage}; an answer's lists are stored as JSON. */
final class StoredMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredMessages() {}

    static String json(List<?> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + values, e);
        }
    }

    static StoredMessage read(ResultSet rs) throws SQLException {
        try {
            String citations = rs.getString("citations");
            String notes = rs.getString("notes");
            return new StoredMessage(rs.getString("role"), rs.getString("content"), Instant.ofEpochMilli(rs.getLong("created_at")),
                    rs.getString("answer_id"), rs.getString("mode"), rs.getString("model"),
                    citations == null ? null : JSON.readValue(citations, new TypeReference<List<Citation>>() {}),
                    notes == null ? null : JSON.readValue(notes, new TypeReference<List<String>>() {}));
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored answer's details are unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
