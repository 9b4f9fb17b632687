package dev.docent.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.documents.DocumentFilters;
import dev.docent.assistant.documents.FilterParams;
import java.time.ZoneId;
import java.util.Map;
import dev.docent.assistant.answer.Turn;
import java.util.List;

/**
 * A validated {@code POST /ask} body: {@code {"question": "...", "top_k": 5, "stream": false,
 * "history": [{"role": "user", "content": "..."}, ...]}} or, instead of {@code history}, a stored
 * conversation to continue: {@code "conversation_id": "..."}.
 *
 * @param question the question, stripped, non-empty
 * @param topK passages to retrieve, 1..{@link #MAX_TOP_K}
 * @param stream reply as Server-Sent Events
 * @param history earlier turns, oldest first (empty for a question on its own)
 * @param conversationId a stored conversation this question continues, or null
 * @param filters {@code "filters"}: the documents to answer from, by metadata (see {@link FilterParams})
 */
public record AskRequest(String question, int topK, boolean stream, List<Turn> history, String conversationId,
        DocumentFilters filters) {

    /** The request as the answering layer takes it, with {@code history} (the stored one, if any). */
    public Question toQuestion(List<Turn> history) {
        return new Question(question, history, topK, filters);
    }

    public static final int MAX_TOP_K = 20;

    /** Parses and validates; every problem is a 400 that names the field and what is expected. */
    public static AskRequest parse(ObjectMapper json, String body, int defaultTopK, int maxQuestionChars) {
        JsonNode root;
        try {
            // One JSON value and nothing after it: "{...} trailing" is a malformed request, not a question.
            root = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "request body must be a JSON object like {\"question\": \"...\"}");
        }
        JsonNode q = root.get("question");
        if (q == null || q.isNull()) {
            throw new ApiException(400, "\"question\" is required");
        }
        if (!q.isTextual()) {
            throw new ApiException(400, "\"question\" must be a string");
        }
        String question = q.asText().strip();
        if (question.isEmpty()) {
            throw new ApiException(400, "\"question\" must not be empty");
        }
        int characters = question.codePointCount(0, question.length()); // not UTF-16 units: an emoji is one
        if (characters > maxQuestionChars) {
            throw new ApiException(400, "\"question\" is too long: " + characters
                    + " characters (at most " + maxQuestionChars + ")");
        }
        int topK = topK(root, defaultTopK);
        boolean stream = false;
        JsonNode s = root.get("stream");
        if (s != null && !s.isNull()) {
            if (!s.isBoolean()) {
                throw new ApiException(400, "\"stream\" must be true or false");
            }
            stream = s.asBoolean();
        }
        List<Turn> history = HistoryJson.parse(root.get("history"));
        String conversation = null;
        JsonNode c = root.get("conversation_id");
        if (c != null && !c.isNull()) {
            if (!c.isTextual()) throw new ApiException(400, "\"conversation_id\" must be a string");
            if (!history.isEmpty()) {
                throw new ApiException(400, "give either \"history\" or \"conversation_id\" (whose history is stored), not both");
            }
            conversation = c.asText();
        }
        return new AskRequest(question, topK, stream, history, conversation, filters(json, root.get("filters")));
    }

    /** {@code "filters": {"folder": ..., "type": ..., "modified_after": ..., ...}}, or none. */
    static DocumentFilters filters(ObjectMapper json, JsonNode f) {
        if (f == null || f.isNull()) return DocumentFilters.NONE;
        if (!f.isObject()) {
            throw new ApiException(400, "\"filters\" must be an object such as {\"type\": \"pdf\", \"modified_after\": \"2025-03-01\"}");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = json.convertValue(f, Map.class);
            return FilterParams.parse(values, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private static int topK(JsonNode root, int defaultTopK) {
        JsonNode k = root.get("top_k");
        if (k == null || k.isNull()) return defaultTopK;
        if (!k.isIntegralNumber() || !k.canConvertToInt()) {
            throw new ApiException(400, "\"top_k\" must be a whole number");
        }
        return checkTopK(k.asInt());
    }

    static int checkTopK(int topK) {
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new ApiException(400, "\"top_k\" must be between 1 and " + MAX_TOP_K + ", got " + topK);
        }
        return topK;
    }
}
