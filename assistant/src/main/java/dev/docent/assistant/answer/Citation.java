package dev.docent.assistant.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param uncited true for a passage the model was given but did not cite: listed, marked so, when a
 *     generated answer cites nothing, so the user still has the sources to check it against
 */
public record Citation(int id, String path, String title, Integer page, String heading, String snippet,
        double score, int start, int end, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean uncited) {

    /** A passage the answer cites (or quotes). */
    public Citation(int id, String path, String title, Integer page, String heading, String snippet, double score,
            int start, int end) {
        this(id, path, title, page, heading, snippet, score, start, end, false);
    }

    /** Whether the answer cites this passage ({@code "cited"} in the API; false only for {@link #uncited} ones). */
    @JsonProperty(value = "cited", access = JsonProperty.Access.READ_ONLY)
    public boolean cited() {
        return !uncited;
    }

    /** Passage {@code h} as citation {@code id}, its snippet around the sentence that best answers {@code q}. */
    public static Citation of(int id, dev.docent.retriever.Hit h, Question q) {
        return Extractive.citation(id, h, Extractive.snippet(h.text(), Extractive.bestQuote(h.text(), Extractive.Focus.of(q))));
    }

    /** This passage, marked as given to the model but not cited by it. */
    public Citation asUncited() {
        return new Citation(id, path, title, page, heading, snippet, score, start, end, true);
    }

    /** The cited document's id for the source viewer's routes ({@code /api/documents/{id}/...}). */
    @JsonProperty(value = "document_id", access = JsonProperty.Access.READ_ONLY)
    public String documentId() {
        return DocumentId.of(path);
    }
}
