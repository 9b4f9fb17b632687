package dev.docent.web.answer;

import java.util.List;
import java.util.Map;

/**
 * An answer as the API returns it.
 *
 * @param answer the text, with [n] markers that refer to {@code citations}
 * @param mode "generative" or "extractive"
 * @param citations the sources the answer cites
 * @param model name of the LLM, or null in extractive mode
 * @param timings milliseconds per stage, e.g. embed_ms, search_ms, total_ms
 */
public record Answer(String answer, String mode, List<Citation> citations, String model, Map<String, Long> timings) {}
