package dev.docent.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.llm.ModelChoice;
import dev.docent.llm.ModelInfo;
import dev.docent.assistant.Docent;
import dev.docent.assistant.ModelSwitch;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models on this machine and the choice among them at run time: {@code GET /api/models},
 * {@code POST /api/model {"name": "llama3.2:3b"}} (or {@code null}: extractive answers). A chosen
 * model loads in the background; {@code GET /api/models} (and {@code /api/status}) say when it is
 * ready, or why it could not be loaded. A request names a model from the list, never a path.
 */
final class ModelRoutes {

    private ModelRoutes() {}

    static void list(Context ctx, Docent docent) {
        DocentApp.json(ctx, 200, listing(docent));
    }

    static void choose(Context ctx, Docent docent) throws Exception {
        JsonNode body;
        try {
            body = DocentApp.JSON.readTree(RequestBody.json(ctx));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject() || !body.has("name") || !(body.get("name").isTextual() || body.get("name").isNull())) {
            throw new ApiException(400, "send {\"name\": \"MODEL\"} with a name from GET /api/models, or {\"name\": null}"
                    + " for answers without a model (quoted passages)");
        }
        String name = body.get("name").isNull() ? null : body.get("name").asText();
        if (docent.config().llm().endpoint() != null) {
            throw new ApiException(409, "answers come from the model server at " + docent.config().llm().endpoint().url()
                    + " (llm.endpoint); clear llm.endpoint in the config to pick a model on this machine");
        }
        ModelSwitch.State state;
        try {
            state = docent.models().choose(name);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
        DocentApp.json(ctx, state.loading() != null ? 202 : 200, listing(docent));
    }

    /** The listing: chat models (others are counted, not offered), which is active, loading, or failed. */
    static Map<String, Object> listing(Docent docent) {
        ModelSwitch models = docent.models();
        List<ModelInfo> found = models.models();
        String active = models.activeName();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("models", found.stream().filter(ModelInfo::isChat).map(m -> model(m, m.id().equals(active))).toList());
        out.put("not_chat_models", found.stream().filter(m -> !m.isChat()).count());
        out.putAll(state(docent));
        out.put("suggested", ModelChoice.suggest(found).map(ModelInfo::id).orElse(null));
        return out;
    }

    /** What {@code /api/status} also says about switching: active, loading, the last failure. */
    static Map<String, Object> state(Docent docent) {
        ModelSwitch.State s = docent.models().state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", docent.models().activeName());
        out.put("loading", s.loading());
        out.put("error", s.failure() == null ? null : Map.of("model", s.failedModel(), "reason", s.failure()));
        return out;
    }

    private static Map<String, Object> model(ModelInfo m, boolean active) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.id());
        out.put("title", m.name());
        out.put("source", m.source());
        out.put("bytes", m.bytes());
        out.put("architecture", m.architecture());
        out.put("quantization", m.quantization());
        out.put("chat_template", m.chatTemplate());
        out.put("active", active);
        return out;
    }
}
