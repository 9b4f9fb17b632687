package dev.docent.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.llm.ChatMessage;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Sampling;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.answer.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code POST /v1/chat/completions} body as OpenAI-style clients send it: {@code model},
 * {@code messages} (content as a string or as a list of text parts), {@code stream},
 * {@code max_tokens}/{@code max_completion_tokens}; for a pass-through chat also {@code stop} (a
 * string or up to 4), {@code temperature}, {@code top_p} and {@code seed}. Other fields (tools,
 * ...) are ignored.
 *
 * @param includeUsage {@code stream_options.include_usage}: a last chunk carries the token counts
 * @param sampling from {@code temperature} (with {@code top_p}, {@code seed}), or null: the model's default
 */
record ChatRequest(String model, List<ChatMessage> messages, boolean stream, boolean includeUsage, Integer maxTokens,
        Sampling sampling, List<String> stop) {

    static ChatRequest parse(ObjectMapper json, String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw OpenAiError.invalid("the request body is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) throw OpenAiError.invalid("the request body must be a JSON object", null);
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw OpenAiError.invalid("model is required (\"docent\" answers from your documents)", "model");
        }
        JsonNode msgs = root.get("messages");
        if (msgs == null || !msgs.isArray() || msgs.isEmpty()) {
            throw OpenAiError.invalid("messages must be a non-empty array", "messages");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < msgs.size(); i++) {
            JsonNode m = msgs.get(i);
            String role = m.path("role").asText("");
            if (!List.of("system", "developer", "user", "assistant").contains(role)) {
                throw OpenAiError.invalid("messages[" + i + "].role must be system, user or assistant, got \"" + role + "\"",
                        "messages[" + i + "].role");
            }
            messages.add(new ChatMessage(role.equals("developer") ? "system" : role, content(m.get("content"), i)));
        }
        JsonNode max = root.has("max_completion_tokens") ? root.get("max_completion_tokens") : root.get("max_tokens");
        Integer maxTokens = null;
        if (max != null && !max.isNull()) {
            if (!max.canConvertToInt() || max.asInt() < 1) throw OpenAiError.invalid("max_tokens must be a positive integer", "max_tokens");
            maxTokens = max.asInt();
        }
        return new ChatRequest(model.asText(), List.copyOf(messages), root.path("stream").asBoolean(false),
                root.path("stream_options").path("include_usage").asBoolean(false), maxTokens, sampling(root), stop(root.get("stop")));
    }

    /** What the loaded generator is asked for, when the chat passes straight to it. */
    GenerationRequest generationRequest(int maxTokens) {
        return new GenerationRequest(messages, maxTokens, sampling, stop);
    }

    private static List<String> stop(JsonNode stop) {
        if (stop == null || stop.isNull()) return List.of();
        List<String> out = new ArrayList<>();
        if (stop.isTextual()) out.add(stop.asText());
        else if (stop.isArray()) stop.forEach(s -> out.add(s.isTextual() ? s.asText() : ""));
        if (out.isEmpty() && !stop.isArray() || out.size() > GenerationRequest.MAX_STOP_STRINGS || out.contains("")) {
            throw OpenAiError.invalid("stop must be a non-empty string or a list of at most "
                    + GenerationRequest.MAX_STOP_STRINGS + " of them", "stop");
        }
        return out;
    }

    /** OpenAI's knobs mapped onto Docent's sampling; the ones OpenAI lacks keep Docent's defaults. */
    private static Sampling sampling(JsonNode root) {
        JsonNode t = root.get("temperature");
        if (t == null || t.isNull()) return null;
        if (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 2) {
            throw OpenAiError.invalid("temperature must be a number from 0 to 2", "temperature");
        }
        if (t.asDouble() == 0) return Sampling.GREEDY;
        JsonNode p = root.get("top_p");
        if (p != null && !p.isNull() && (!p.isNumber() || p.asDouble() <= 0 || p.asDouble() > 1)) {
            throw OpenAiError.invalid("top_p must be a number above 0 and at most 1", "top_p");
        }
        JsonNode seed = root.get("seed");
        Sampling f = Sampling.FACTUAL;
        return new Sampling((float) t.asDouble(), f.topK(), p == null || p.isNull() ? f.topP() : (float) p.asDouble(),
                f.minP(), f.repeatPenalty(), f.repeatLastN(), seed != null && seed.canConvertToInt() ? seed.asInt() : f.seed());
    }

    private static String content(JsonNode c, int i) {
        if (c == null || c.isNull()) return "";
        if (c.isTextual()) return c.asText();
        if (c.isArray()) { // [{"type": "text", "text": "..."}, ...]: only text parts are understood
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : c) {
                if (!"text".equals(part.path("type").asText())) {
                    throw OpenAiError.invalid("messages[" + i + "]: only text content is supported", "messages[" + i + "].content");
                }
                sb.append(part.path("text").asText());
            }
            return sb.toString();
        }
        throw OpenAiError.invalid("messages[" + i + "].content must be a string or a list of text parts", "messages[" + i + "].content");
    }

    /**
     * The question for model {@code docent}: the last user message; the user and assistant messages
     * before it are the history (system messages are dropped: Docent's own instructions apply).
     */
    Question toQuestion(int topK, int maxQuestionChars) {
        int last = -1;
        for (int i = messages.size() - 1; i >= 0 && last < 0; i--) {
            if (messages.get(i).role().equals("user")) last = i;
        }
        if (last < 0 || messages.get(last).content().isBlank()) {
            throw OpenAiError.invalid("the conversation needs a non-empty user message (the question)", "messages");
        }
        String text = messages.get(last).content();
        if (text.length() > maxQuestionChars) {
            throw OpenAiError.invalid("the question has " + text.length() + " characters; at most " + maxQuestionChars
                    + " are accepted", "messages");
        }
        List<Turn> history = new ArrayList<>();
        for (ChatMessage m : messages.subList(0, last)) {
            if (m.role().equals("system")) continue;
            history.add(new Turn(m.role(), m.content().length() > Turn.MAX_CHARS ? m.content().substring(0, Turn.MAX_CHARS) : m.content()));
        }
        // Only the latest turns matter to the answer; older ones are dropped rather than refused.
        List<Turn> recent = history.subList(Math.max(0, history.size() - Question.MAX_HISTORY_TURNS), history.size());
        return new Question(text, recent, topK);
    }
}
