package dev.docent.assistant.documents;

import dev.docent.indexer.DocumentId;
import dev.docent.indexer.catalog.DocumentRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** One catalogued document as every adapter shows it ({@code GET /api/documents}, MCP list_documents, get_document). */
public final class DocumentJson {

    private DocumentJson() {}

    /** One document as {@code GET /api/documents} lists it. */
    public static Map<String, Object> of(DocumentRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", DocumentId.of(r.path())); // for /api/documents/{id}/...
        m.put("path", r.path());
        m.put("title", r.title());
        m.put("status", r.status().wireName());
        m.put("error", r.error());
        m.put("note", r.note());
        m.put("pages", r.pages());
        m.put("chunks", r.chunks());
        m.put("size", r.size());
        m.put("indexed_at", r.indexedAt() == null ? null : r.indexedAt().toString());
        return m;
    }

}
