package dev.docent.embedder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The minimum every {@link Embedder} must satisfy. Subclasses supply the model; the properties
 * are checked against the real model, not a fake.
 */
abstract class EmbedderContractTest {

    static Embedder embedder;

    abstract Embedder create();

    @BeforeAll
    void open() {
        embedder = create();
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    /**
     * Closing while other threads embed (a client going away mid-search, a signal during
     * indexing) waits for them, and later calls fail with an exception: never a native crash.
     */
    @Test
    void closeWhileEmbeddingWaitsAndLaterCallsFailCleanly() throws Exception {
        Embedder own = create();
        String passage = "The greenhouse is watered every morning at six. ".repeat(40);
        own.embedPassage(passage); // loaded
        var outcomes = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var started = new java.util.concurrent.CountDownLatch(2);
        List<Thread> workers = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            workers.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                try {
                    for (int n = 0; n < 1000; n++) own.embedPassage(passage);
                    outcomes.add("finished");
                } catch (IllegalStateException closed) {
                    outcomes.add("closed");
                }
            }));
        }
        started.await();
        Thread.sleep(100);
        own.close();
        for (Thread w : workers) w.join(30_000);
        assertEquals(List.of("closed", "closed"), List.copyOf(outcomes));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> own.embedQuery("after close"));
        own.close(); // a second close is harmless
    }

    @Test
    void vectorsHaveTheDeclaredLengthAndUnitNorm() {
        for (float[] v : List.of(embedder.embedPassage("The boiler is serviced every March."),
                embedder.embedQuery("when is the boiler serviced?"))) {
            assertEquals(embedder.dimensions(), v.length);
            assertEquals(1.0, norm(v), 1e-4);
        }
    }

    @Test
    void sameTextGivesTheSameVector() {
        assertArrayEquals(embedder.embedPassage("repeatable"), embedder.embedPassage("repeatable"), 1e-6f);
    }

    @Test
    void aQueryIsClosestToThePassageThatAnswersIt() {
        List<String> passages = List.of(
                "Employees accrue 25 days of paid annual leave per calendar year.",
                "The warehouse forklift must be charged overnight in bay 4.",
                "Quarterly revenue grew by twelve percent, driven by orchard sensors.");
        float[] q = embedder.embedQuery("How many vacation days do staff get?");
        List<float[]> vs = embedder.embedPassages(passages);
        double best = dot(q, vs.get(0));
        assertTrue(best > dot(q, vs.get(1)) && best > dot(q, vs.get(2)),
                "the leave passage should score highest for a vacation question");
    }

    @Test
    void batchedPassagesEqualOneByOne() {
        List<String> texts = List.of("Short.", "A somewhat longer passage about pruning apple trees in February.",
                "Medium length text on batteries.", "x", "The last one, of middling size, about drones.");
        List<float[]> batched = embedder.embedPassages(texts);
        assertEquals(texts.size(), batched.size());
        for (int i = 0; i < texts.size(); i++) {
            // The int8 model quantizes activations dynamically over the whole batch, so a text's
            // vector shifts slightly with its batch-mates (cosine 0.995 seen); the direction holds.
            assertEquals(1.0, dot(batched.get(i), embedder.embedPassage(texts.get(i))), 0.01, "text " + i);
        }
    }

    @Test
    void longInputIsTruncatedNotRejected() {
        String longText = "word ".repeat(5000);
        assertTrue(embedder.countTokens(longText) > embedder.maxTokens());
        assertEquals(embedder.dimensions(), embedder.embedPassage(longText).length);
    }

    @Test
    void emptyTextStillEmbeds() {
        assertEquals(embedder.dimensions(), embedder.embedPassage("").length);
    }

    static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
