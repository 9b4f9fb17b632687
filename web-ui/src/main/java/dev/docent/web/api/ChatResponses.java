package dev.docent.web.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenAI response shapes {@link OpenAiRoutes} writes: chunks, their common head, Docent's extension fields. */
final class ChatResponses {

    private ChatResponses() {}

    static String chunk(String id, long created, String model, Map<String, Object> delta, String finish) throws Exception {
        return DocentApp.JSON.writeValueAsString(chunkBody(id, created, model, delta, finish));
    }

    static Map<String, Object> chunkBody(String id, long created, String model, Map<String, Object> delta, String finish) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finish);
        Map<String, Object> body = head(id, "chat.completion.chunk", created, model);
        body.put("choices", List.of(choice));
        return body;
    }

    static Map<String, Object> head(String id, String object, long created, String model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("object", object);
        body.put("created", created);
        body.put("model", model);
        return body;
    }

    /** Docent's extension fields: the sources behind the [n] markers, and whether the documents hold the answer. */
    static void extensions(Map<String, Object> body, ChatRun.Reply r, String model) {
        if (!model.equals(OpenAiRoutes.DOCENT)) return;
        body.put("citations", r.citations());
        body.put("found", r.found());
        body.put("confidence", r.confidence());
    }
}
