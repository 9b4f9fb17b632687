package dev.docent.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.assistant.Docent;
import dev.docent.assistant.conversation.Conversation;
import dev.docent.assistant.conversation.ConversationStore;
import dev.docent.assistant.conversation.ConversationSummary;
import dev.docent.assistant.conversation.StoredMessage;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored conversations over HTTP: {@code GET/POST /api/conversations}, {@code GET/PATCH/DELETE
 * /api/conversations/{id}}. Questions are added through {@code POST /ask} with
 * {@code "conversation_id"}. An id that is not one of ours (a path, say) is simply not found.
 */
final class ConversationRoutes {

    private ConversationRoutes() {}

    /** The id if such a conversation exists; 404 otherwise. */
    static String existing(ConversationStore store, String id) {
        if (id == null || !id.matches("[0-9a-f]{24}") || store.summary(id).isEmpty()) {
            throw new ApiException(404, "no conversation has the id " + id);
        }
        return id;
    }

    static void list(Context ctx, Docent docent) {
        DocentApp.json(ctx, 200, docent.conversations().list().stream().map(ConversationRoutes::summary).toList());
    }

    static void create(Context ctx, Docent docent) throws Exception {
        String title = "";
        if (ctx.contentLength() > 0) title = title(RequestBody.json(ctx), false);
        DocentApp.json(ctx, 201, summary(docent.conversations().create(title)));
    }

    static void get(Context ctx, Docent docent) {
        String id = existing(docent.conversations(), ctx.pathParam("id"));
        Conversation c = docent.conversations().find(id).orElseThrow(() -> new ApiException(404, "no conversation has the id " + id));
        Map<String, Object> out = summary(c.summary());
        out.put("messages", c.messages().stream().map(ConversationRoutes::message).toList());
        DocentApp.json(ctx, 200, out);
    }

    static void rename(Context ctx, Docent docent) throws Exception {
        String id = existing(docent.conversations(), ctx.pathParam("id"));
        if (!docent.conversations().rename(id, title(RequestBody.json(ctx), true))) {
            throw new ApiException(404, "no conversation has the id " + id);
        }
        DocentApp.json(ctx, 200, summary(docent.conversations().summary(id).orElseThrow()));
    }

    static void delete(Context ctx, Docent docent) {
        String id = existing(docent.conversations(), ctx.pathParam("id"));
        docent.conversations().delete(id);
        DocentApp.json(ctx, 200, Map.of("id", id, "deleted", true));
    }

    /** {@code {"title": "..."}}: a non-blank string of at most MAX_TITLE_CHARS characters. */
    private static String title(String body, boolean required) {
        JsonNode root;
        try {
            root = DocentApp.JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new ApiException(400, "request body must be a JSON object like {\"title\": \"...\"}");
        JsonNode t = root.get("title");
        if (t == null || t.isNull()) {
            if (required) throw new ApiException(400, "\"title\" is required");
            return "";
        }
        if (!t.isTextual() || t.asText().isBlank()) throw new ApiException(400, "\"title\" must be a non-empty string");
        String title = t.asText().strip();
        int characters = title.codePointCount(0, title.length());
        if (characters > ConversationStore.MAX_TITLE_CHARS) {
            throw new ApiException(400, "\"title\" is too long: " + characters + " characters (at most "
                    + ConversationStore.MAX_TITLE_CHARS + ")");
        }
        return title;
    }

    private static Map<String, Object> summary(ConversationSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("created_at", s.createdAt().toString());
        m.put("updated_at", s.updatedAt().toString());
        m.put("messages", s.messages());
        return m;
    }

    private static Map<String, Object> message(StoredMessage msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", msg.role());
        m.put("content", msg.content());
        m.put("created_at", msg.createdAt().toString());
        if (msg.role().equals("assistant")) {
            m.put("answer_id", msg.answerId());
            m.put("mode", msg.mode());
            m.put("model", msg.model());
            m.put("citations", msg.citations());
            m.put("notes", msg.notes());
        }
        return m;
    }
}
