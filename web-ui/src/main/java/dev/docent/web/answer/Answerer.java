package dev.docent.web.answer;

import dev.docent.embedder.Embedder;
import dev.docent.retriever.ChunkIndex;
import dev.docent.retriever.Hit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Answers questions from the index. Thread-safe. */
public final class Answerer {

    /** How many of the retrieved passages an extractive answer quotes. */
    private static final int QUOTED = 3;
    private static final int SNIPPET_CHARS = 420;

    private final Embedder embedder;
    private final ChunkIndex index;

    public Answerer(Embedder embedder, ChunkIndex index) {
        this.embedder = embedder;
        this.index = index;
    }

    /**
     * Answers {@code question} from the {@code topK} best passages. {@code onToken} receives the
     * answer text piece by piece as it is produced (for streaming); the returned {@link Answer}
     * holds all of it.
     */
    public Answer answer(String question, int topK, Consumer<String> onToken) {
        long t0 = System.nanoTime();
        float[] q = embedder.embedQuery(question);
        long t1 = System.nanoTime();
        List<Hit> hits = index.search(question, q, topK);
        long t2 = System.nanoTime();
        Set<String> questionWords = Sentences.words(question);
        List<Citation> citations = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (hits.isEmpty()) {
            text.append("Nothing in the indexed documents matches this question.");
        } else {
            text.append("No language model is configured, so here are the most relevant passages, quoted:\n");
        }
        List<String> quoted = new ArrayList<>();
        double firstOverlap = 0;
        for (int i = 0; i < hits.size(); i++) {
            Hit h = hits.get(i);
            String best = bestQuote(h.text(), questionWords);
            double overlap = Sentences.overlap(questionWords, best);
            if (i == 0) firstOverlap = overlap;
            citations.add(new Citation(i + 1, h.path(), h.title(), h.page() == 0 ? null : h.page(), h.heading(),
                    snippet(h.text(), best), round(h.score()), h.startOffset(), h.endOffset()));
            // The best passage is always quoted; the next ones only if they share about as much
            // with the question, so weakly related text does not pad the answer.
            boolean relevant = i == 0 || (overlap > 0 && overlap >= 0.5 * firstOverlap);
            if (i < QUOTED && relevant && !quoted.contains(best)) {
                quoted.add(best);
                text.append("\n\u2022 \u201c").append(best).append("\u201d [").append(i + 1).append(']');
            }
        }
        String answer = text.toString();
        for (String piece : answer.split("(?<= )")) {
            onToken.accept(piece);
        }
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("embed_ms", (t1 - t0) / 1_000_000);
        timings.put("search_ms", (t2 - t1) / 1_000_000);
        timings.put("total_ms", (System.nanoTime() - t0) / 1_000_000);
        return new Answer(answer, "extractive", citations, null, timings);
    }

    /** The sentence that shares most words with the question, with its successor if it is a mere label. */
    static String bestQuote(String passage, Set<String> questionWords) {
        List<String> sentences = Sentences.split(passage);
        if (sentences.isEmpty()) return passage;
        int best = 0;
        double bestScore = -1;
        for (int i = 0; i < sentences.size(); i++) {
            double s = Sentences.overlap(questionWords, sentences.get(i));
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        String quote = sentences.get(best);
        if (quote.length() < 40 && best + 1 < sentences.size()) { // e.g. "E-42: lidar obstruction."
            quote = quote + " " + sentences.get(best + 1);
        }
        return quote.length() > SNIPPET_CHARS ? quote.substring(0, SNIPPET_CHARS) + "\u2026" : quote;
    }

    /** Up to SNIPPET_CHARS of the passage, positioned so the quoted sentence is visible. */
    static String snippet(String passage, String quote) {
        if (passage.length() <= SNIPPET_CHARS) return passage;
        int at = Math.max(0, passage.indexOf(quote.endsWith("\u2026") ? quote.substring(0, 40) : quote));
        int start = Math.max(0, Math.min(at - 60, passage.length() - SNIPPET_CHARS));
        int end = Math.min(passage.length(), start + SNIPPET_CHARS);
        return (start > 0 ? "\u2026" : "") + passage.substring(start, end) + (end < passage.length() ? "\u2026" : "");
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
