package dev.docent.indexer.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.extract.Block;
import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chunking by its properties, on seeded random documents (the seed is printed). */
class ChunkerTest {

    /** Whitespace-separated words: a real, simple tokenizer for property checks. */
    private static final TokenCounter WORDS = t -> t.isBlank() ? 0 : t.strip().split("\\s+").length;
    private static final String[] VOCAB = {"orchard", "robot", "battery", "gripper", "apple", "pear", "lidar",
            "harvest", "season", "bin", "row", "charge", "sensor", "vacuum", "tree", "crew"};

    @Test
    void chunksCoverTheTextRespectTheBudgetAndKeepPagesAndHeadings() {
        long seed = Long.getLong("docent.seed", System.nanoTime());
        System.out.println("ChunkerTest seed=" + seed + " (rerun with -Ddocent.seed=" + seed + ")");
        Random r = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int budget = 8 + r.nextInt(60);
            ExtractedDocument doc = randomDocument(r);
            List<Chunk> chunks = new Chunker(WORDS, budget).chunk(doc);
            checkProperties(doc, chunks, budget, WORDS, "seed " + seed + " round " + round);
        }
    }

    @Test
    void withTheModelsOwnTokenizerNoChunkExceedsTheBudget() {
        try (Embedder e = Embedders.defaultModel(1)) {
            TokenCounter counter = e::countTokens;
            Random r = new Random(42);
            for (int round = 0; round < 20; round++) {
                ExtractedDocument doc = randomDocument(r);
                List<Chunk> chunks = new Chunker(counter, 40).chunk(doc);
                checkProperties(doc, chunks, 40, counter, "round " + round);
            }
        }
    }

    @Test
    void aSentenceWithoutSpacesLongerThanTheBudgetIsCut() {
        String word = "x".repeat(500);
        var doc = new ExtractedDocument("t", "text/plain", false, List.of(new Page(0, List.of(new Block(word, false)))));
        TokenCounter chars = t -> t.length() / 10; // 10 characters a token
        List<Chunk> chunks = new Chunker(chars, 8).chunk(doc);
        assertTrue(chunks.size() >= 500 / 80, chunks.toString());
        checkProperties(doc, chunks, 8, chars, "no spaces");
    }

    @Test
    void sentencesStayWholeWhenTheyFit() {
        String text = "The first sentence is here. The second one follows it. A third closes the paragraph.";
        var doc = new ExtractedDocument("t", "text/plain", false, List.of(new Page(0, List.of(new Block(text, false)))));
        List<Chunk> chunks = new Chunker(WORDS, 11).chunk(doc);
        assertEquals(List.of("The first sentence is here. The second one follows it.", "A third closes the paragraph."),
                chunks.stream().map(Chunk::text).toList());
    }

    static void checkProperties(ExtractedDocument doc, List<Chunk> chunks, int budget, TokenCounter counter, String ctx) {
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertEquals(i, c.ordinal(), ctx);
            Page page = doc.pages().stream().filter(p -> p.number() == c.page()).findFirst().orElseThrow();
            String pageText = page.text();
            assertEquals(pageText.substring(c.startOffset(), c.endOffset()), c.text(), ctx + ": offsets");
            assertTrue(counter.count(c.text()) <= budget || c.text().split("\\s+").length == 1,
                    ctx + ": chunk over budget " + budget + ": " + c.text());
            assertEquals(expectedHeading(doc, c), c.heading(), ctx + ": heading of " + c.text());
        }
        // Coverage: every non-space character of every non-heading block is inside some chunk.
        for (Page page : doc.pages()) {
            String text = page.text();
            boolean[] covered = new boolean[text.length()];
            chunks.stream().filter(c -> c.page() == page.number())
                    .forEach(c -> java.util.Arrays.fill(covered, c.startOffset(), c.endOffset(), true));
            int offset = 0;
            for (Block b : page.blocks()) {
                for (int k = 0; k < b.text().length(); k++) {
                    if (!b.heading() && !Character.isWhitespace(b.text().charAt(k))) {
                        assertTrue(covered[offset + k], ctx + ": character " + (offset + k) + " of page " + page.number() + " lost");
                    }
                }
                offset += b.text().length() + Page.BLOCK_SEPARATOR.length();
            }
        }
    }

    /** The last heading block before the chunk's start, across pages. */
    private static String expectedHeading(ExtractedDocument doc, Chunk c) {
        String heading = "";
        for (Page p : doc.pages()) {
            int offset = 0;
            for (Block b : p.blocks()) {
                if (p.number() == c.page() && offset >= c.startOffset()) return heading;
                if (b.heading()) heading = b.text();
                offset += b.text().length() + Page.BLOCK_SEPARATOR.length();
            }
            if (p.number() == c.page()) return heading;
        }
        return heading;
    }

    private static ExtractedDocument randomDocument(Random r) {
        boolean paged = r.nextBoolean();
        int pageCount = paged ? 1 + r.nextInt(4) : 1;
        List<Page> pages = new ArrayList<>();
        for (int p = 0; p < pageCount; p++) {
            List<Block> blocks = new ArrayList<>();
            for (int b = 0, n = r.nextInt(6); b < n; b++) {
                if (r.nextInt(4) == 0) {
                    blocks.add(new Block("Heading " + r.nextInt(100), true));
                } else {
                    StringBuilder sb = new StringBuilder();
                    for (int s = 0, sentences = 1 + r.nextInt(6); s < sentences; s++) {
                        int words = 1 + r.nextInt(r.nextInt(10) == 0 ? 120 : 15);
                        for (int w = 0; w < words; w++) {
                            sb.append(w == 0 ? capitalise(VOCAB[r.nextInt(VOCAB.length)]) : VOCAB[r.nextInt(VOCAB.length)]);
                            sb.append(w == words - 1 ? ". " : " ");
                        }
                    }
                    blocks.add(new Block(sb.toString().strip(), false));
                }
            }
            pages.add(new Page(paged ? p + 1 : 0, blocks));
        }
        return new ExtractedDocument("random", "text/plain", paged, pages);
    }

    private static String capitalise(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
