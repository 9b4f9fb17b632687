package dev.docent.retriever.fusion;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.Fusion;
import dev.docent.retriever.Words;
import java.util.List;

/**
 * A convex combination of z-scored raw scores whose cosine weight follows the question's length:
 * {@code shortWeight} up to {@code fromWords} words, {@code longWeight} from {@code toWords} on,
 * and in between linear in the logarithm of the word count. A question of a few words is matched
 * by its rare terms, where BM25 is strong; a pasted paragraph holds hundreds of terms, most of them
 * common, whose BM25 contributions drown the few that matter, while the embedding still reads it
 * as one statement. Measured (docs/benchmarks.md): on long queries made of whole passages vector
 * search alone beat the fixed 0.6 mix; BM25 still helps a little at 0.8.
 *
 * <p>Only the text's length is read, not the collection: the same question gets the same weight
 * in every index. {@link #scores} without a question (no text) is the short-question mix.
 *
 * @param shortWeight cosine weight up to {@code fromWords} words
 * @param longWeight cosine weight from {@code toWords} words on
 * @param fromWords where the weight starts to move
 * @param toWords where it reaches {@code longWeight}
 */
public record QueryLengthFusion(double shortWeight, double longWeight, int fromWords, int toWords) implements Fusion {

    public QueryLengthFusion {
        if (!(shortWeight >= 0 && shortWeight <= 1 && longWeight >= 0 && longWeight <= 1)) {
            throw new IllegalArgumentException("bylength weights must be in [0, 1], got " + shortWeight + ", " + longWeight);
        }
        if (fromWords < 1 || toWords <= fromWords) {
            throw new IllegalArgumentException("bylength needs 1 <= from < to, got " + fromWords + ", " + toWords);
        }
    }

    /** The cosine weight for a question of {@code words} words. */
    public double vectorWeight(int words) {
        if (words <= fromWords) return shortWeight;
        if (words >= toWords) return longWeight;
        double t = Math.log((double) words / fromWords) / Math.log((double) toWords / fromWords);
        return shortWeight + (longWeight - shortWeight) * t;
    }

    @Override
    public Fusion forQuery(String text) {
        return new ConvexCombination(vectorWeight(Words.count(text)), ConvexCombination.Normalisation.ZSCORE);
    }

    @Override
    public double[] scores(List<Candidate> candidates) {
        return new ConvexCombination(shortWeight, ConvexCombination.Normalisation.ZSCORE).scores(candidates);
    }

    @Override
    public String toString() {
        return "bylength(short=" + Fusions.number(shortWeight) + ",long=" + Fusions.number(longWeight) + ",from=" + fromWords
                + ",to=" + toWords + ")";
    }
}
