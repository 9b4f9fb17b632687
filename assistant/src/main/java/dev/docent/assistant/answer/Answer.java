package dev.docent.assistant.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.docent.assistant.documents.CollectionDocument;
import java.util.List;
import java.util.Map;

/**
 * An answer as the API returns it.
 *
 * @param answer the text, with [n] markers that refer to {@code citations}
 * @param mode "generative" or "extractive"
 * @param citations the sources the answer cites
 * @param model name of the LLM, or null in extractive mode
 * @param timings per stage (milliseconds, token counts, tokens per second)
 * @param notes what the user should know about this answer (corrected citations, cut-offs)
 * @param found false when the documents do not seem to contain the answer (confidence below the threshold)
 * @param confidence how likely the retrieved passages hold the answer, in [0, 1] (see Relevance)
 * @param scope {@code "passages"} for an answer from the best passages, {@code "collection"} for one
 *     about the whole collection ("how many invoices…", "list all…", "what changed last week?")
 * @param documents for a collection answer: every matching document, whatever {@code top_k} says; else null
 * @param coverage for a collection answer: how many documents were checked and matched; else null
 * @param checked for a collection answer whose candidates a language model checked one by one: how
 *     many it was asked about, kept and dropped (named); else null
 */
public record Answer(String answer, String mode, List<Citation> citations, String model, Map<String, Number> timings,
        List<String> notes, boolean found, double confidence, String scope,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<CollectionDocument> documents,
        @JsonInclude(JsonInclude.Include.NON_NULL) Coverage coverage,
        @JsonInclude(JsonInclude.Include.NON_NULL) Checked checked) {

    public static final String PASSAGES = "passages";
    public static final String COLLECTION = "collection";
    public static final String DOCUMENT = "document";

    /** An answer without a model's check of candidates. */
    public Answer(String answer, String mode, List<Citation> citations, String model, Map<String, Number> timings,
            List<String> notes, boolean found, double confidence, String scope, List<CollectionDocument> documents,
            Coverage coverage) {
        this(answer, mode, citations, model, timings, notes, found, confidence, scope, documents, coverage, null);
    }

    /** An answer from the best passages. */
    public Answer(String answer, String mode, List<Citation> citations, String model, Map<String, Number> timings,
            List<String> notes, boolean found, double confidence) {
        this(answer, mode, citations, model, timings, notes, found, confidence, PASSAGES, null, null, null);
    }
}
