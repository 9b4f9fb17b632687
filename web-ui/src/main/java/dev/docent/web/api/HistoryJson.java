package dev.docent.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.answer.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code "history": [{"role": "user" | "assistant", "content": "..."}, ...]} (oldest first),
 * as chat APIs send it. Every problem is a 400 naming the turn and what is expected.
 */
final class HistoryJson {

    private HistoryJson() {}

    /** The turns; empty when {@code history} is absent or null. */
    static List<Turn> parse(JsonNode history) {
        if (history == null || history.isNull()) return List.of();
        if (!history.isArray()) {
            throw new ApiException(400, "\"history\" must be an array of {\"role\": \"user\" | \"assistant\", \"content\": \"...\"}");
        }
        if (history.size() > Question.MAX_HISTORY_TURNS) {
            throw new ApiException(400, "\"history\" has " + history.size() + " turns; at most "
                    + Question.MAX_HISTORY_TURNS + " are accepted (send the latest ones)");
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            turns.add(turn(history.get(i), "history[" + i + "]"));
        }
        return turns;
    }

    private static Turn turn(JsonNode t, String where) {
        if (!t.isObject()) throw new ApiException(400, where + " must be an object with \"role\" and \"content\"");
        JsonNode role = t.get("role");
        if (role == null || !role.isTextual() || !(role.asText().equals(Turn.USER) || role.asText().equals(Turn.ASSISTANT))) {
            throw new ApiException(400, where + ".role must be \"user\" or \"assistant\""
                    + (role == null ? "" : ", got " + role));
        }
        JsonNode content = t.get("content");
        if (content == null || !content.isTextual()) {
            throw new ApiException(400, where + ".content must be a string");
        }
        String text = content.asText();
        if (text.isBlank()) throw new ApiException(400, where + ".content must not be empty");
        int characters = text.codePointCount(0, text.length());
        if (characters > Turn.MAX_CHARS) {
            throw new ApiException(400, where + ".content is too long: " + characters + " characters (at most "
                    + Turn.MAX_CHARS + ")");
        }
        return new Turn(role.asText(), text);
    }
}
