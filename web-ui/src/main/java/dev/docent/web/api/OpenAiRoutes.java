package dev.docent.web.api;

import dev.docent.llm.GeneratorBusyException;
import dev.docent.assistant.Docent;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible API, so that chat clients and libraries that speak it can use Docent:
 * {@code GET /v1/models} and {@code POST /v1/chat/completions} (one JSON reply, or {@code data:}
 * chunks ending with {@code data: [DONE]}). Model {@value #DOCENT} answers from the documents,
 * citing them as [n] in the text and in a {@code citations} extension field; the loaded language
 * model's own name passes the chat to it unchanged, without retrieval.
 */
final class OpenAiRoutes {

    static final String DOCENT = "docent";
    private static final Logger log = LoggerFactory.getLogger(OpenAiRoutes.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long WAIT_MILLIS = 1000;

    private OpenAiRoutes() {}

    static boolean isOpenAiPath(Context ctx) {
        return ctx.path().startsWith("/v1/") || ctx.path().equals("/v1");
    }

    /** {@code GET /v1/models}: {@value #DOCENT}, and the loaded language model if there is one. */
    static void models(Context ctx, Docent docent) {
        List<Map<String, Object>> data = new ArrayList<>();
        data.add(model(DOCENT));
        if (docent.generator() != null) data.add(model(docent.generator().modelName()));
        DocentApp.json(ctx, 200, Map.of("object", "list", "data", data));
    }

    private static Map<String, Object> model(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", "model");
        m.put("created", 0);
        m.put("owned_by", "docent");
        return m;
    }

    /** {@code POST /v1/chat/completions}. */
    static void chat(Context ctx, Docent docent) throws Exception {
        ChatRequest req = ChatRequest.parse(DocentApp.JSON, RequestBody.json(ctx));
        ChatRun run = start(req, docent);
        String answering = run.modelName() != null ? run.modelName() : req.model();
        String id = "chatcmpl-" + randomHex();
        long created = System.currentTimeMillis() / 1000;
        boolean finished = false;
        try {
            if (req.stream()) {
                streamed(ctx, run, id, created, answering, req.includeUsage(), docent);
            } else {
                oneReply(ctx, run, id, created, answering);
            }
            finished = true;
        } catch (UncheckedIOException e) {
            log.debug("Client left; chat {} was stopped", id);
        } finally {
            if (!finished) run.cancel();
        }
    }

    private static ChatRun start(ChatRequest req, Docent docent) {
        if (req.model().equals(DOCENT)) {
            var q = req.toQuestion(docent.config().topK(), docent.config().maxQuestionChars());
            return ChatRun.of(docent.answers().start(q));
        }
        // Held until the chat ends: a model switched meanwhile is closed only after it.
        var lease = docent.model().acquire();
        try {
            ChatRun run = passThrough(req, docent, lease.generator(), lease::close);
            lease = null;
            return run;
        } finally {
            if (lease != null) lease.close();
        }
    }

    private static ChatRun passThrough(ChatRequest req, Docent docent, dev.docent.llm.Generator generator, Runnable done) {
        if (generator == null) {
            throw OpenAiError.modelNotFound("the model '" + req.model() + "' does not exist here: no language model is loaded, "
                    + "so only '" + DOCENT + "' (answers from your documents) is available");
        }
        // Any other name is the loaded model: clients ship with their own default model names, and
        // the reply's "model" says which one answered.
        int limit = docent.config().llm().maxAnswerTokens();
        int maxTokens = req.maxTokens() == null ? limit : Math.min(req.maxTokens(), generator.contextSize());
        return ChatRun.passThrough(generator, req.generationRequest(maxTokens), done);
    }

    private static void oneReply(Context ctx, ChatRun run, String id, long created, String model) throws Exception {
        var keepAlive = new KeepAliveJson(ctx);
        while (run.nextText(250) != null) { // the reply carries the whole text at the end
            keepAlive.tick();
        }
        ChatRun.Reply r;
        try {
            r = run.reply();
        } catch (RuntimeException e) {
            if (!keepAlive.committed()) throw e;
            log.warn("Chat {} failed after its reply had started: {}", id, e.toString());
            keepAlive.finish(DocentApp.JSON.writeValueAsString(OpenAiError.body(500, message(e))));
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", r.text());
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("finish_reason", r.finishReason());
        Map<String, Object> body = ChatResponses.head(id, "chat.completion", created, model);
        body.put("choices", List.of(choice));
        body.put("usage", usage(r));
        ChatResponses.extensions(body, r, model);
        if (keepAlive.committed()) keepAlive.finish(DocentApp.JSON.writeValueAsString(body));
        else DocentApp.json(ctx, 200, body);
    }

    private static void streamed(Context ctx, ChatRun run, String id, long created, String model, boolean includeUsage,
            Docent docent) throws Exception {
        try (var sse = new SseWriter(ctx, DocentApp.JSON)) {
            sse.sendData(ChatResponses.chunk(id, created, model, Map.of("role", "assistant", "content", ""), null));
            for (String text; (text = run.nextText(WAIT_MILLIS)) != null; ) {
                if (text.isEmpty()) sse.ping();
                else sse.sendData(ChatResponses.chunk(id, created, model, Map.of("content", text), null));
            }
            ChatRun.Reply r;
            try {
                r = run.reply();
            } catch (RuntimeException e) {
                // Closing: the drain's grace period ran out and logged this request already, without a trace.
                if (docent.closing()) log.debug("Chat {} ended by shutdown: {}", id, e.toString());
                else if (!(e instanceof GeneratorBusyException) && !(e instanceof OpenAiError)) log.error("Chat {} failed", id, e);
                int status = e instanceof OpenAiError o ? o.status() : e instanceof GeneratorBusyException ? 503 : 500;
                sse.sendData(DocentApp.JSON.writeValueAsString(e instanceof OpenAiError o ? o.body() : OpenAiError.body(status, message(e))));
                return;
            }
            Map<String, Object> last = ChatResponses.chunkBody(id, created, model, Map.of(), r.finishReason());
            ChatResponses.extensions(last, r, model);
            sse.sendData(DocentApp.JSON.writeValueAsString(last));
            if (includeUsage) { // as OpenAI does: one more chunk, with no choices, carrying the counts
                Map<String, Object> usage = ChatResponses.head(id, "chat.completion.chunk", created, model);
                usage.put("choices", List.of());
                usage.put("usage", usage(r));
                sse.sendData(DocentApp.JSON.writeValueAsString(usage));
            }
            sse.sendData("[DONE]");
        }
    }

    private static Map<String, Object> usage(ChatRun.Reply r) {
        return Map.of("prompt_tokens", r.promptTokens(), "completion_tokens", r.completionTokens(),
                "total_tokens", r.promptTokens() + r.completionTokens());
    }

    private static String message(RuntimeException e) {
        return e instanceof GeneratorBusyException || e instanceof OpenAiError ? e.getMessage()
                : "internal error (" + e.getClass().getSimpleName() + "); the server log has details";
    }

    private static String randomHex() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
