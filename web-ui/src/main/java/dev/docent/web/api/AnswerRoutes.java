package dev.docent.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.llm.GeneratorBusyException;
import dev.docent.assistant.Docent;
import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.AnswerJob;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.answer.SearchResult;
import dev.docent.assistant.answer.TokenBuffer;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answering layer over HTTP, and nothing more: {@code POST /ask} (one JSON reply, or
 * Server-Sent Events; stateless with {@code history}, or continuing a stored conversation), {@code POST /api/answers/{id}/cancel} and {@code GET /api/search}. Each
 * answer runs on its own thread; the request's thread drains its text and writes it, so a slow
 * client only slows itself. A client that goes away cancels its answer.
 */
final class AnswerRoutes {

    private static final Logger log = LoggerFactory.getLogger(AnswerRoutes.class);
    /** How long the request's thread waits for text before it checks that the client is still there. */
    private static final long WAIT_MILLIS = 1000;

    private AnswerRoutes() {}

    static void ask(Context ctx, Docent docent) throws Exception {
        AskRequest req = AskRequest.parse(DocentApp.JSON, RequestBody.json(ctx), docent.config().topK(),
                docent.config().maxQuestionChars());
        AnswerJob job;
        if (req.conversationId() == null) {
            job = docent.answers().start(req.toQuestion(req.history()));
        } else {
            // A stored conversation: its latest turns are the history; the answer joins it when done.
            var store = docent.conversations();
            String id = ConversationRoutes.existing(store, req.conversationId());
            job = docent.answers().start(req.toQuestion(store.history(id, Question.MAX_HISTORY_TURNS)),
                    (answerId, answer) -> store.append(id, req.question(), answer, answerId));
        }
        ctx.header("X-Answer-Id", job.id());
        boolean finished = false;
        try {
            if (req.stream()) {
                streamed(ctx, job, docent);
            } else {
                oneReply(ctx, job);
            }
            finished = true;
        } catch (UncheckedIOException e) {
            log.debug("Client left; its answer {} was stopped", job.id());
        } finally {
            if (!finished) job.cancel(); // the client left or the request thread failed: stop the model
        }
    }

    /** One JSON reply; a long answer keeps the connection checked (see KeepAliveJson). */
    private static void oneReply(Context ctx, AnswerJob job) throws Exception {
        var keepAlive = new KeepAliveJson(ctx);
        while (!job.awaitDone(250)) {
            keepAlive.tick();
        }
        Answer answer;
        try {
            answer = job.answer();
        } catch (RuntimeException e) {
            if (!keepAlive.committed()) throw e; // Javalin's handlers turn it into a 4xx/5xx JSON error
            log.warn("Answer {} failed after its reply had started: {}", job.id(), e.toString());
            keepAlive.finish(DocentApp.JSON.writeValueAsString(DocentApp.error(message(e))));
            return;
        }
        ObjectNode body = DocentApp.JSON.valueToTree(answer);
        body.put("id", job.id());
        if (keepAlive.committed()) {
            keepAlive.finish(DocentApp.JSON.writeValueAsString(body));
        } else {
            DocentApp.json(ctx, 200, body);
        }
    }

    /**
     * Server-Sent Events: {@code answer} (its id), {@code token}s as the answer forms, with
     * {@code progress} events between them when the answer works in steps ({@code {"stage", "done",
     * "total", "message"}}: a model checking a collection's candidates, summarising a document's
     * parts), {@code citations}, for a collection answer {@code documents} ({@code {"documents": [...],
     * "coverage": {...}}}, plus {@code "checked"} when a model checked the candidates), {@code done}.
     */
    private static void streamed(Context ctx, AnswerJob job, Docent docent) throws Exception {
        try (var sse = new SseWriter(ctx, DocentApp.JSON)) {
            sse.send("answer", Map.of("id", job.id()));
            for (List<TokenBuffer.Piece> pieces; (pieces = job.nextPieces(WAIT_MILLIS)) != null; ) {
                if (pieces.isEmpty()) sse.ping();
                for (TokenBuffer.Piece p : pieces) {
                    if (p.isText()) sse.send("token", Map.of("text", p.text()));
                    else sse.send("progress", p.progress()); // "checking 3 of 12 documents…", in order with the text
                }
            }
            Answer answer;
            try {
                answer = job.answer();
            } catch (RuntimeException e) {
                // Closing: the drain's grace period ran out and logged this request already, without a trace.
                if (docent.closing()) log.debug("Answer {} ended by shutdown: {}", job.id(), e.toString());
                else if (!(e instanceof GeneratorBusyException)) log.error("Answer {} failed", job.id(), e);
                sse.send("error", DocentApp.error(message(e)));
                return;
            }
            sse.send("citations", answer.citations());
            if (answer.documents() != null) {
                // A collection answer: every matching document, and how much of the collection was checked.
                Map<String, Object> documents = new LinkedHashMap<>();
                documents.put("documents", answer.documents());
                documents.put("coverage", answer.coverage());
                if (answer.checked() != null) documents.put("checked", answer.checked());
                sse.send("documents", documents);
            }
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("id", job.id());
            done.put("mode", answer.mode());
            done.put("model", answer.model());
            done.put("answer", answer.answer());
            done.put("notes", answer.notes());
            done.put("timings", answer.timings());
            done.put("found", answer.found());
            done.put("confidence", answer.confidence());
            done.put("scope", answer.scope());
            sse.send("done", done);
        }
    }

    private static String message(RuntimeException e) {
        return e instanceof GeneratorBusyException ? e.getMessage()
                : "internal error (" + e.getClass().getSimpleName() + "); the server log has details";
    }

    /** {@code POST /api/answers/{id}/cancel}: stops a running answer wherever it is. */
    static void cancel(Context ctx, Docent docent) {
        String id = ctx.pathParam("id");
        if (!docent.answers().cancel(id)) {
            throw new ApiException(404, "no answer in progress has the id " + id + " (it may have finished)");
        }
        DocentApp.json(ctx, 200, Map.of("id", id, "cancelled", true));
    }

    /**
     * {@code GET /api/search?q=...&top_k=N}: passages without an answer; with {@code group=document}
     * every matching document (paged, with the total), filtered by metadata.
     */
    static void search(Context ctx, Docent docent) {
        SearchRequest req = SearchRequest.parse(ctx, docent.config().topK(), docent.config().maxQuestionChars());
        if (req.byDocument()) {
            DocentApp.json(ctx, 200, docent.documentSearch().page(req.query(), req.filters(), req.offset(), req.limit()));
            return;
        }
        SearchResult result = docent.answers().answerer().search(req.query(), req.topK(), req.filters());
        DocentApp.json(ctx, 200, result);
    }
}
