package dev.docent.assistant.answer;

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
 */
public record Answer(String answer, String mode, List<Citation> citations, String model, Map<String, Number> timings,
        List<String> notes, boolean found, double confidence) {}
