package dev.docent.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.indexer.DocumentId;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.Passage;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.answer.SearchResult;
import dev.docent.assistant.answer.Turn;
import dev.docent.assistant.Docent;
import dev.docent.assistant.StatusReport;
import dev.docent.assistant.answer.AnswerJob;
import dev.docent.assistant.collection.DocumentSearchResult;
import dev.docent.assistant.documents.DocumentFilter;
import dev.docent.assistant.documents.DocumentFilters;
import dev.docent.assistant.documents.FilterParams;
import dev.docent.assistant.documents.DocumentJson;
import dev.docent.assistant.documents.DocumentListing;
import dev.docent.assistant.source.DocumentSources;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP tools, the same for both transports. Descriptions are written for the calling model:
 * what each tool is for, when to use it, and what comes back. Every result is JSON, as text and
 * as structured content. A bad argument or a missing document is a tool error the model can read
 * (isError), not a protocol error.
 */
public final class DocentTools {

    private static final Logger log = LoggerFactory.getLogger(DocentTools.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOP_K = 20;

    private final Docent docent;
    private final DocumentText documentText;
    /** Ids to catalog paths, as the source viewer looks them up. */
    private final DocumentSources sources;

    private DocentTools(Docent docent) {
        this.docent = docent;
        this.documentText = new DocumentText(docent.indexer());
        this.sources = new DocumentSources(docent.indexer(), docent::folders);
    }

    /**
     * The tool specifications over {@code docent}: the running {@code serve} (HTTP at /mcp) or a
     * read-only Docent ({@code ./docent mcp} over stdio); the same tools give the same JSON on both.
     */
    public static List<SyncToolSpecification> over(Docent docent, McpJsonMapper mapper) {
        DocentTools t = new DocentTools(docent);
        return List.of(
                spec(mapper, ToolSchemas.SEARCH, t::search),
                spec(mapper, ToolSchemas.ASK, t::ask),
                spec(mapper, ToolSchemas.GET_DOCUMENT, t::getDocument),
                spec(mapper, ToolSchemas.LIST_DOCUMENTS, t::listDocuments),
                spec(mapper, ToolSchemas.STATUS, args -> StatusReport.of(docent)));
    }

    private interface Tool {
        Object call(Map<String, Object> args) throws Exception;
    }

    private static SyncToolSpecification spec(McpJsonMapper mapper, ToolSchemas.Def def, Tool tool) {
        McpSchema.Tool t = McpSchema.Tool.builder().name(def.name()).title(def.title()).description(def.description())
                .inputSchema(mapper, def.inputSchema())
                .annotations(new McpSchema.ToolAnnotations(def.title(), true, false, true, false, null))
                .build();
        return SyncToolSpecification.builder().tool(t).callHandler((exchange, req) -> {
            Map<String, Object> args = req.arguments() == null ? Map.of() : req.arguments();
            try {
                Object result = tool.call(args);
                @SuppressWarnings("unchecked")
                Map<String, Object> structured = JSON.convertValue(result, Map.class);
                return CallToolResult.builder().addTextContent(JSON.writeValueAsString(result))
                        .structuredContent(structured).build();
            } catch (IllegalArgumentException | DocumentText.ToolException e) {
                return CallToolResult.builder().addTextContent(e.getMessage()).isError(true).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CallToolResult.builder().addTextContent("stopped").isError(true).build();
            } catch (Exception e) {
                log.error("MCP tool {} failed", def.name(), e);
                return CallToolResult.builder().addTextContent("internal error (" + e.getClass().getSimpleName()
                        + "); Docent's log has details").isError(true).build();
            }
        }).build();
    }

    private Object search(Map<String, Object> args) {
        String group = Args.optionalText(args, "group");
        if (group != null && !group.equals("passage") && !group.equals("document")) {
            throw new IllegalArgumentException("group must be passage or document; got " + group);
        }
        if ("document".equals(group)) return searchDocuments(args);
        if (!filters(args).none()) {
            throw new IllegalArgumentException("type and date filters need group \"document\"; for passages use folder or file");
        }
        String query = Args.text(args, "query", docent.config().maxQuestionChars());
        int topK = Args.integer(args, "top_k", docent.config().topK(), 1, MAX_TOP_K);
        Predicate<String> filter = PathFilter.of(Args.optionalText(args, "folder"), Args.optionalText(args, "file"));
        // found and confidence as /ask decides them, over the passages of the allowed files only
        SearchResult r = docent.answerer().searchWithin(filter, query, topK);
        List<Map<String, Object>> passages = new ArrayList<>();
        for (Passage p : r.passages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", passages.size() + 1);
            m.put("document_id", DocumentId.of(p.path())); // the id the web API and get_document take
            m.put("path", p.path());
            m.put("title", p.title());
            m.put("page", p.page());
            m.put("heading", p.heading());
            m.put("snippet", p.snippet());
            m.put("score", p.score());
            passages.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", query);
        out.put("found", r.found());
        out.put("confidence", r.confidence());
        out.put("passages", passages);
        return out;
    }

    /** Every document that matches (group "document"): the same search as {@code /api/search?group=document}. */
    private DocumentSearchResult searchDocuments(Map<String, Object> args) {
        if (Args.optionalText(args, "file") != null) {
            throw new IllegalArgumentException("with group \"document\", filter by type (e.g. pdf) instead of a file glob");
        }
        String query = args.get("query") instanceof String q ? q.strip() : "";
        if (query.length() > docent.config().maxQuestionChars()) {
            throw new IllegalArgumentException("query is too long (at most " + docent.config().maxQuestionChars() + " characters)");
        }
        DocumentFilters filters = filters(args).and(DocumentFilters.NONE.withFolder(Args.optionalText(args, "folder")));
        if (query.isEmpty() && filters.none()) throw new IllegalArgumentException("give a query, or filters to list documents by");
        int offset = Args.integer(args, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Args.integer(args, "limit", 100, 1, 1000);
        return docent.documentSearch().page(query, filters, offset, limit);
    }

    /** The metadata filters among the tool's arguments (type, modified_*, dated_*), as FilterParams reads them. */
    private static DocumentFilters filters(Map<String, Object> args) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (String name : FilterParams.NAMES) {
            if (!name.equals("folder") && args.get(name) != null) given.put(name, args.get(name));
        }
        return FilterParams.parse(given, ZoneId.systemDefault());
    }

    private Map<String, Object> ask(Map<String, Object> args) throws InterruptedException {
        String question = Args.text(args, "question", docent.config().maxQuestionChars());
        int topK = Args.integer(args, "top_k", docent.config().topK(), 1, MAX_TOP_K);
        List<Turn> history = Args.history(args.get("history"));
        Answer a = answer(new Question(question, history, topK));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answer", a.answer());
        out.put("found", a.found());
        out.put("confidence", a.confidence());
        out.put("citations", a.citations());
        out.put("mode", a.mode());
        out.put("notes", a.notes());
        return out;
    }

    /** Answers through Docent's AnswerJobs, like any other client's question; blocks until done. */
    private Answer answer(Question q) throws InterruptedException {
        AnswerJob job = docent.answers().start(q);
        try {
            return job.answer();
        } finally {
            job.cancel(); // a no-op once done; stops the model when this thread is interrupted
        }
    }

    private Map<String, Object> getDocument(Map<String, Object> args) throws DocumentText.ToolException {
        String id = Args.optionalText(args, "id");
        String path = id == null ? Args.text(args, "path", 4096) : null;
        // By id (document_id from search, id from list_documents) or by path: only catalogued documents.
        DocumentRecord r = (id != null ? sources.record(id) : docent.indexer().document(path))
                .orElseThrow(() -> new DocumentText.ToolException("no document with the " + (id != null ? "id " + id : "path " + path)
                        + " is in Docent's catalog: use an id or path exactly as search or list_documents return it"));
        Integer from = Args.optionalInteger(args, "from_page", 1, Integer.MAX_VALUE);
        Integer to = Args.optionalInteger(args, "to_page", 1, Integer.MAX_VALUE);
        return documentText.read(r, from, to);
    }

    private Map<String, Object> listDocuments(Map<String, Object> args) {
        DocumentFilter status = DocumentFilter.parse(Args.optionalText(args, "status"));
        Predicate<String> filter = PathFilter.of(Args.optionalText(args, "folder"), Args.optionalText(args, "name"));
        int limit = Args.integer(args, "limit", 200, 1, 10_000);
        DocumentFilters metadata = filters(args);
        Predicate<String> selected = metadata.none() ? null : docent.documentSearch().documents(metadata);
        Predicate<DocumentRecord> match = filter == null && selected == null ? null
                : r -> (filter == null || filter.test(r.path())) && (selected == null || selected.test(r.path()));
        var listing = DocumentListing.of(docent.indexer().documents(), status, match, 0, limit);
        List<Map<String, Object>> docs = listing.documents().stream().map(DocumentJson::of).toList();
        int matching = listing.matching();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("matching", matching);
        out.put("returned", docs.size());
        out.put("documents", docs);
        return out;
    }
}
