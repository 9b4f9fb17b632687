package dev.docent.assistant.answer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docent.indexer.DocumentId;

/**
 * A passage found by {@link Answerer#search}: where it is and how well it matched.
 *
 * @param rank 1 for the best match
 * @param path the file
 * @param title the document title
 * @param page 1-based page, or null for formats without pages
 * @param heading section heading, or empty
 * @param snippet up to a few hundred characters of the passage, around the sentence that best matches
 * @param text the whole passage
 * @param score retrieval score in [0, 1]
 * @param start character offset of the passage in its page's text
 * @param end character offset just past the passage
 */
public record Passage(int rank, String path, String title, Integer page, String heading, String snippet, String text,
        double score, int start, int end) {

    /** The document's id for the source viewer's routes ({@code /api/documents/{id}/...}). */
    @JsonProperty(value = "document_id", access = JsonProperty.Access.READ_ONLY)
    public String documentId() {
        return DocumentId.of(path);
    }
}
