package dev.docent.assistant.answer;

import dev.docent.retriever.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrieval for a question that follows earlier ones. "And for part-timers?" or "Where is it
 * kept?" alone do not say what they are about; the conversation does. Several rankings are fused
 * by weighted reciprocal rank: the question with the previous question appended (ellipsis and
 * pronouns get their subject back), the question alone weighted by how much it says by itself
 * (a fully stated new question still finds its own document; "Where to?" alone is noise), each
 * earlier question weighted down by its age, and, when a language model rewrote the question into
 * a standalone query, that query. Ranks, not scores, are fused, so the retriever's score scale does
 * not matter; a small k lets a passage ranked first in the strong rankings beat one that is merely
 * present everywhere. Without history this is one plain search. Measured on sample-corpus/
 * dialogues.tsv by the end-to-end test (the alternatives tried are in the commit that chose this).
 */
final class FollowUpSearch {

    /** One retrieval: the best {@code depth} hits for {@code query}, best first. */
    interface Retrieve {
        List<Hit> retrieve(String query, int depth);
    }

    /** Hits taken from each ranking before fusion. */
    static final int DEPTH = 30;
    /** Earlier questions that take part, newest first. */
    static final int EARLIER = 2;
    private static final double RRF_K = 10;
    /** A question with this many content words counts fully on its own; fewer count proportionally less. */
    private static final int SELF_CONTAINED_WORDS = 4;
    private static final double EXPANDED_WEIGHT = 1.0;
    private static final double CONDENSED_WEIGHT = 1.0;
    /** The newest earlier question counts this much, the one before half as much. */
    private static final double EARLIER_WEIGHT = 0.5;

    private FollowUpSearch() {}

    /** The queries searched for {@code q}, with their weights (for tests and for the notes). */
    record Ranking(String query, double weight) {}

    static List<Ranking> rankings(Question q, String condensed) {
        List<String> earlier = q.earlierQuestions();
        List<Ranking> out = new ArrayList<>();
        if (earlier.isEmpty()) return List.of(new Ranking(q.text(), 1.0));
        out.add(new Ranking(q.text() + " " + earlier.getFirst(), EXPANDED_WEIGHT));
        double alone = selfContained(q.text());
        if (alone > 0) out.add(new Ranking(q.text(), alone));
        double w = EARLIER_WEIGHT;
        for (int i = 0; i < Math.min(EARLIER, earlier.size()); i++, w /= 2) {
            out.add(new Ranking(earlier.get(i), w));
        }
        if (condensed != null && !condensed.isBlank()) out.add(new Ranking(condensed, CONDENSED_WEIGHT));
        return out;
    }

    /** Words that point back at the conversation instead of naming a thing. */
    private static final java.util.Set<String> REFERRING = java.util.Set.of("they", "them", "those", "these", "one",
            "ones", "then", "he", "she", "him", "her", "his", "hers", "that", "there", "else", "about");

    /** How much a question says by itself, in [0, 1]: its content words, pronouns not counted. */
    static double selfContained(String question) {
        long words = Sentences.words(question).stream().filter(w -> !REFERRING.contains(w)).count();
        return Math.min(1.0, words / (double) SELF_CONTAINED_WORDS);
    }

    /** The {@code q.topK()} best hits for {@code q} in its conversation. */
    static List<Hit> search(Question q, String condensed, Retrieve retrieve) {
        List<Ranking> rankings = rankings(q, condensed);
        if (rankings.size() == 1) return retrieve.retrieve(q.text(), q.topK());
        Map<String, Double> fused = new HashMap<>();
        Map<String, Hit> hits = new HashMap<>();
        double best = 0;
        for (Ranking r : rankings) {
            List<Hit> ranked = retrieve.retrieve(r.query(), Math.max(DEPTH, q.topK()));
            for (int i = 0; i < ranked.size(); i++) {
                Hit h = ranked.get(i);
                String key = h.path() + '\u0000' + h.ordinal();
                hits.putIfAbsent(key, h);
                fused.merge(key, r.weight() / (RRF_K + i + 1), Double::sum);
            }
            best += r.weight() / (RRF_K + 1);
        }
        double max = best; // a passage ranked first everywhere scores 1
        return fused.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry::getKey))
                .limit(q.topK())
                .map(e -> withScore(hits.get(e.getKey()), e.getValue() / max))
                .toList();
    }

    private static Hit withScore(Hit h, double score) {
        return h.withScore(score); // the raw evidence stays: relevance and confidence are read from it
    }
}
