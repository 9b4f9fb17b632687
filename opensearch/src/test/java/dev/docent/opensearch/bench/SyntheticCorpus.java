package dev.docent.opensearch.bench;

import dev.docent.retriever.IndexedChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Made-up chunks for benchmarks: Zipf-distributed pronounceable words (a vocabulary of 40,000, so
 * BM25 sees common and rare terms as in prose), 180 words a chunk (about the 200 tokens Docent's
 * chunker allows), 20 chunks a document, and random unit vectors of 384 dimensions. The vectors
 * are noise, not embeddings: fine for the cost of storing and searching them, meaningless for
 * ranking quality. Seeded, so two backends get the very same chunks and questions.
 */
public final class SyntheticCorpus {

    public static final int DIMS = 384;
    public static final int WORDS_PER_CHUNK = 180;
    public static final int CHUNKS_PER_DOCUMENT = 20;
    private static final int VOCABULARY = 40_000;
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ter", "su", "ran", "vo", "pe", "dil", "no", "ga", "ri", "bel", "tu", "son",
            "fa"};

    private final double[] zipf;

    public SyntheticCorpus() {
        zipf = new double[VOCABULARY];
        double sum = 0;
        for (int i = 0; i < VOCABULARY; i++) zipf[i] = sum += 1.0 / (i + 1);
        for (int i = 0; i < VOCABULARY; i++) zipf[i] /= sum;
    }

    /** Document {@code d}'s chunks, drawn from {@code r}. */
    public List<IndexedChunk> document(int d, Random r) {
        String path = "/bench/" + d + ".txt";
        List<IndexedChunk> doc = new ArrayList<>(CHUNKS_PER_DOCUMENT);
        for (int k = 0; k < CHUNKS_PER_DOCUMENT; k++) {
            String text = words(r, WORDS_PER_CHUNK);
            doc.add(new IndexedChunk(path, "Document " + d, 1, "", k, 0, text.length(), text, unit(r)));
        }
        return doc;
    }

    /** The mean length of the text of the first {@code n} chunks a run writes (same seed as the benchmarks' ingestion). */
    public double averageChars(int n) {
        Random r = new Random(42);
        long chars = 0;
        int seen = 0;
        for (int d = 0; seen < n; d++) {
            for (IndexedChunk c : document(d, r)) {
                chars += c.text().length();
                seen++;
            }
        }
        return chars / (double) seen;
    }

    public static String path(int d) {
        return "/bench/" + d + ".txt";
    }

    /** {@code n} words, as a question's text or a chunk's. */
    public String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int w = Arrays.binarySearch(zipf, r.nextDouble());
            sb.append(word(w < 0 ? -w - 1 : w)).append(' ');
        }
        return sb.toString().strip();
    }

    /** A pronounceable made-up word per rank (as SearchBench makes them). */
    private static String word(int rank) {
        StringBuilder sb = new StringBuilder();
        int x = rank + 16;
        while (x > 0) {
            sb.append(SYLLABLES[x % 16]);
            x /= 16;
        }
        return sb.toString();
    }

    public static float[] unit(Random r) {
        float[] v = new float[DIMS];
        double s = 0;
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) r.nextGaussian();
            s += v[i] * v[i];
        }
        for (int i = 0; i < DIMS; i++) v[i] /= (float) Math.sqrt(s);
        return v;
    }
}
