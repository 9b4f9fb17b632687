package dev.docent.indexer.chunk;

import dev.docent.indexer.extract.Block;
import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.Page;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sentence-aware, token-budgeted chunking. Stateless and thread-safe. */
public final class Chunker {

    /**
     * Default budget. Small enough that a citation points at a paragraph, not a chapter, and well
     * under the embedder's 512-token window so the heading prefix always fits.
     */
    public static final int DEFAULT_MAX_TOKENS = 200;
    private static final int MAX_HEADING_CHARS = 200;

    private final TokenCounter counter;
    private final int maxTokens;

    public Chunker(TokenCounter counter, int maxTokens) {
        if (maxTokens < 8) {
            throw new IllegalArgumentException("maxTokens must be >= 8, got " + maxTokens);
        }
        this.counter = counter;
        this.maxTokens = maxTokens;
    }

    public List<Chunk> chunk(ExtractedDocument doc) {
        List<Chunk> out = new ArrayList<>();
        String heading = "";
        for (Page page : doc.pages()) {
            heading = chunkPage(page, heading, out);
        }
        return out;
    }

    /** A sentence (or a budget-sized piece of one) located in the page text. */
    private record Span(int start, int end, int tokens) {}

    /** Chunks one page into {@code out}; returns the heading in force at the page's end. */
    private String chunkPage(Page page, String heading, List<Chunk> out) {
        String text = page.text();
        var pending = new ArrayList<Span>();
        int pendingTokens = 0; // tokens in pending, kept as a running total
        int offset = 0;
        for (Block block : page.blocks()) {
            int blockStart = offset;
            offset += block.text().length() + Page.BLOCK_SEPARATOR.length();
            if (block.heading()) {
                flush(page, heading, text, pending, out);
                pendingTokens = 0;
                heading = block.text().length() > MAX_HEADING_CHARS
                        ? block.text().substring(0, MAX_HEADING_CHARS) : block.text();
                continue;
            }
            for (Span s : sentences(block.text(), blockStart)) {
                if (!pending.isEmpty() && pendingTokens + s.tokens() > maxTokens) {
                    flush(page, heading, text, pending, out);
                    pendingTokens = 0;
                }
                pending.add(s);
                pendingTokens += s.tokens();
            }
        }
        flush(page, heading, text, pending, out);
        return heading;
    }

    private void flush(Page page, String heading, String text, List<Span> pending, List<Chunk> out) {
        if (pending.isEmpty()) {
            return;
        }
        int start = pending.getFirst().start();
        int end = pending.getLast().end();
        int tokens = pending.stream().mapToInt(Span::tokens).sum();
        out.add(new Chunk(page.number(), heading, out.size(), start, end, text.substring(start, end), tokens));
        pending.clear();
    }

    /** Sentences of one block, each within the budget (over-long ones split at word boundaries). */
    private List<Span> sentences(String block, int base) {
        List<Span> spans = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(block);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int s = start;
            int e = end;
            while (s < e && Character.isWhitespace(block.charAt(s))) s++;
            while (e > s && Character.isWhitespace(block.charAt(e - 1))) e--;
            if (s < e) {
                splitToBudget(block, s, e, base, spans);
            }
        }
        return spans;
    }

    /** Adds [s, e) as one span if it fits the budget, else as word-boundary pieces that do. */
    private void splitToBudget(String block, int s, int e, int base, List<Span> spans) {
        int tokens = counter.count(block.substring(s, e));
        if (tokens <= maxTokens) {
            spans.add(new Span(base + s, base + e, tokens));
            return;
        }
        int mid = s + (e - s) / 2;
        int cut = block.lastIndexOf(' ', mid);
        if (cut <= s) {
            cut = block.indexOf(' ', mid);
        }
        if (cut <= s || cut >= e) {
            cut = mid; // no space at all (e.g. CJK text or a long token): cut by characters
            if (Character.isLowSurrogate(block.charAt(cut))) cut++;
        }
        int leftEnd = cut;
        while (leftEnd > s && block.charAt(leftEnd - 1) == ' ') leftEnd--;
        int rightStart = cut;
        while (rightStart < e && block.charAt(rightStart) == ' ') rightStart++;
        if (leftEnd > s) splitToBudget(block, s, leftEnd, base, spans);
        if (e > rightStart) splitToBudget(block, rightStart, e, base, spans);
    }
}
