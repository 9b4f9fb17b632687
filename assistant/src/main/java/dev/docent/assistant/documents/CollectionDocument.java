package dev.docent.assistant.documents;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docent.indexer.DocumentId;

/**
 * One document of a collection answer or a document-level search: every matching document is
 * listed, each with where it is, what it is, and the passage that matched (or its opening).
 *
 * @param path the file
 * @param title its title (or file name)
 * @param folder the folder it is in
 * @param type its file type (lowercase extension)
 * @param size bytes
 * @param modified last modified, ISO-8601 (UTC)
 * @param pages page count (0 for formats without pages)
 * @param snippet the matching passage, shortened
 * @param page the passage's page (1-based), or null
 * @param start the passage's start offset in its page's text
 * @param end its end offset
 * @param score how well it matched (ordering; 0 for a match on metadata alone)
 */
public record CollectionDocument(String path, String title, String folder, String type, long size, String modified,
        int pages, String snippet, Integer page, int start, int end, double score) {

    /** The document's id for the source viewer's routes ({@code /api/documents/{id}/...}). */
    @JsonProperty(value = "document_id", access = JsonProperty.Access.READ_ONLY)
    public String documentId() {
        return DocumentId.of(path);
    }
}
