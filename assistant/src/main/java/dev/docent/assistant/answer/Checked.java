package dev.docent.assistant.answer;

import java.util.List;

/**
 * What the language model's check of a collection answer's candidates did (map: one yes/no
 * question per document). {@code Answer.documents} then holds the kept ones only; the dropped ones
 * are named here so nothing leaves the list unseen. A reply that is neither yes nor no keeps its
 * document ({@code unsure}), and candidates past the limit or the time budget are kept unchecked:
 * a weak or slow model can only fail to narrow the list, never lose a document silently.
 *
 * @param candidates documents the search matched (before the check)
 * @param checked documents the model was asked about
 * @param kept documents in the answer (yes, unsure and unchecked)
 * @param unsure replies that were neither yes nor no (kept)
 * @param unchecked candidates not asked about, past {@code ask.collection_check_documents} or the
 *     time budget (kept)
 * @param dropped documents the model answered "no" for
 * @param model the model that checked
 */
public record Checked(int candidates, int checked, int kept, int unsure, int unchecked, List<Dropped> dropped,
        String model) {

    /**
     * A document the model dropped.
     *
     * @param reply the model's reply, as it began (for the user to judge)
     */
    public record Dropped(String path, String title, String reply) {

        /** The document's id for the source viewer ({@code /api/documents/{id}}). */
        @com.fasterxml.jackson.annotation.JsonProperty(value = "document_id",
                access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
        public String documentId() {
            return dev.docent.indexer.DocumentId.of(path);
        }
    }
}
