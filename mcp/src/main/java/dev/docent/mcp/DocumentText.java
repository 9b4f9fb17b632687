package dev.docent.mcp;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.ExtractionException;
import dev.docent.indexer.extract.Page;
import dev.docent.assistant.documents.DocumentJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code get_document} tool's work: the text of a catalogued document, read again from the
 * file by the indexer as its sync reads it ({@link Indexer#readDocument}: the same checks, limits
 * and extractor with OCR, so page numbers and the text passages cite are the same as in search
 * results), optionally a page range, bounded in size.
 */
final class DocumentText {

    /** Most characters one call returns (a model's context is the limit that matters); page on for more. */
    static final int MAX_CHARS = 60_000;

    private final Indexer indexer;

    DocumentText(Indexer indexer) {
        this.indexer = indexer;
    }

    /**
     * @param fromPage first page, 1-based, or null for the first
     * @param toPage last page (inclusive), or null for the last
     */
    Map<String, Object> read(DocumentRecord r, Integer fromPage, Integer toPage) throws ToolException {
        ExtractedDocument doc;
        try {
            doc = indexer.readDocument(r.path());
        } catch (ExtractionException e) {
            throw new ToolException("cannot read " + r.path() + ": " + e.getMessage());
        }
        int pages = doc.paged() ? doc.pages().size() : 1;
        int from = fromPage == null ? 1 : fromPage;
        int to = toPage == null ? pages : Math.min(toPage, pages);
        if (from < 1 || from > pages || to < from) {
            throw new ToolException("page range " + from + "-" + (toPage == null ? "end" : toPage) + " is outside the document, which has "
                    + pages + (pages == 1 ? " page" : " pages"));
        }
        StringBuilder text = new StringBuilder();
        boolean truncated = false;
        int last = from - 1;
        for (Page p : doc.pages().subList(doc.paged() ? from - 1 : 0, doc.paged() ? to : doc.pages().size())) {
            String t = (doc.paged() ? "--- page " + p.number() + " ---\n" : "") + p.text() + "\n\n";
            if (text.length() + t.length() > MAX_CHARS) {
                text.append(t, 0, Math.max(0, MAX_CHARS - text.length()));
                truncated = true;
                break;
            }
            text.append(t);
            last = doc.paged() ? p.number() : 1;
        }
        Map<String, Object> out = new LinkedHashMap<>(DocumentJson.of(r));
        out.put("from_page", from);
        out.put("to_page", truncated ? last : to);
        out.put("page_count", pages);
        out.put("truncated", truncated);
        if (truncated) {
            out.put("note", "cut at " + MAX_CHARS + " characters; call again with from_page=" + (last + 1) + " for the rest");
        }
        out.put("text", text.toString().strip());
        return out;
    }

    /** A refusal the calling model should read and act on (wrong path, bad page range). */
    static final class ToolException extends Exception {
        ToolException(String message) {
            super(message);
        }
    }
}
