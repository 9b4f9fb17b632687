package dev.docent.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * Made-up pronounceable words drawn with Zipf's law (as SearchBench's), so an index of them has a
 * realistic term dictionary: a few very common words, a long tail of rare ones.
 */
final class ZipfWords {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ter", "su", "ran", "vo", "pe", "dil", "no", "ga", "ri",
        "bel", "tu", "son", "fa"};
    private final double[] cumulative;

    ZipfWords(int vocabulary) {
        cumulative = new double[vocabulary];
        double sum = 0;
        for (int i = 0; i < vocabulary; i++) cumulative[i] = sum += 1.0 / (i + 1);
        for (int i = 0; i < vocabulary; i++) cumulative[i] /= sum;
    }

    /** {@code n} words separated by spaces. */
    String phrase(Random r, int n) {
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int w = Arrays.binarySearch(cumulative, r.nextDouble());
            if (i > 0) sb.append(' ');
            sb.append(word(w < 0 ? -w - 1 : w));
        }
        return sb.toString();
    }

    private static String word(int rank) {
        var sb = new StringBuilder();
        int x = rank + 16;
        while (x > 0) {
            sb.append(SYLLABLES[x % 16]);
            x /= 16;
        }
        return sb.toString();
    }
}
