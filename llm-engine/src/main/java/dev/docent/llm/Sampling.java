package dev.docent.llm;

/**
 * How the next token is chosen.
 *
 * @param temperature 0 or less: greedy (always the most likely token)
 * @param topK keep the k most likely tokens (0: off)
 * @param topP keep the smallest set with this much probability (1: off)
 * @param minP drop tokens below this fraction of the best one's probability (0: off)
 * @param repeatPenalty penalty for tokens among the last {@code repeatLastN} (1: off)
 * @param repeatLastN how many recent tokens the penalty looks at
 * @param seed random seed, for reproducible sampling
 */
public record Sampling(float temperature, int topK, float topP, float minP, float repeatPenalty, int repeatLastN, int seed) {

    public static final Sampling GREEDY = new Sampling(0, 0, 1, 0, 1, 0, 0);

    /** Defaults suited to factual answers from sources: low temperature, mild repetition penalty. */
    public static final Sampling FACTUAL = new Sampling(0.2f, 40, 0.9f, 0.05f, 1.1f, 64, 42);

    public boolean greedy() {
        return temperature <= 0;
    }
}
