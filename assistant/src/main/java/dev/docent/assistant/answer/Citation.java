package dev.docent.assistant.answer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docent.indexer.DocumentId;

/**
 * One cited source as the API returns it.
 *
 * @param id the number used as [id] in the answer
 * @param path the file
 * @param title the document title
 * @param page 1-based page, or null for formats without pages
 * @param heading section heading, or empty
 * @param snippet the passage text shown to the user
 * @param score relevance in [0, 1] on one scale for every question (Relevance: calibrated cosine), not a rank
 * @param start character offset of the passage in its page's text
 * @param end character offset just past the passage
 */
public record Citation(int id, String path, String title, Integer page, String heading, String snippet,
        double score, int start, int end) {

    /** The cited document's id for the source viewer's routes ({@code /api/documents/{id}/...}). */
    @JsonProperty(value = "document_id", access = JsonProperty.Access.READ_ONLY)
    public String documentId() {
        return DocumentId.of(path);
    }
}
