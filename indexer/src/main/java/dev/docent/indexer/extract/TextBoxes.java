package dev.docent.indexer.extract;

import java.util.Arrays;
import java.util.List;

/**
 * Where the words of one block are on its page, kept at extraction so a citation can be shown
 * highlighted on the rendered page. One box per word (what PDFBox's text stripper hands over in
 * one piece): the character range it covers in the block's text and its rectangle, page-relative
 * and normalised to 0..1 from the top-left corner, so a client can draw it over an image of any
 * size. Words, not characters: chunks begin and end at word boundaries, and a box per word costs
 * about a fifth of a box per character. Packed in arrays because a long PDF holds millions.
 */
public final class TextBoxes {

    private final int[] ranges; // start, end per box, in the block's text
    private final float[] rects; // x0, y0, x1, y1 per box

    private TextBoxes(int[] ranges, float[] rects) {
        this.ranges = ranges;
        this.rects = rects;
    }

    /** One word as PDFBox placed it: its text and its normalised rectangle. */
    record Word(String text, float x0, float y0, float x1, float y1) {}

    /** Number of boxes. */
    public int size() {
        return ranges.length / 2;
    }

    /**
     * Finds each word in {@code text} (the block's normalised text, built from these words in
     * order) and keeps its box. A word that cannot be found where it should be (a ligature spelt
     * otherwise) is left without a box rather than pinned to a later occurrence; a line-end hyphen
     * that layout removed is allowed for. Null when no word was placed.
     */
    static TextBoxes align(String text, List<Word> words) {
        int[] r = new int[words.size() * 2];
        float[] f = new float[words.size() * 4];
        int n = 0;
        int cursor = 0;
        for (Word w : words) {
            String t = BlockCollector.normalise(w.text());
            if (t.isEmpty()) continue;
            int at = near(text, t, cursor);
            if (at < 0 && t.length() > 1 && t.endsWith("-")) {
                t = t.substring(0, t.length() - 1);
                at = near(text, t, cursor);
            }
            if (at < 0) continue;
            r[2 * n] = at;
            r[2 * n + 1] = at + t.length();
            f[4 * n] = w.x0();
            f[4 * n + 1] = w.y0();
            f[4 * n + 2] = w.x1();
            f[4 * n + 3] = w.y1();
            n++;
            cursor = at + t.length();
        }
        return n == 0 ? null : new TextBoxes(Arrays.copyOf(r, 2 * n), Arrays.copyOf(f, 4 * n));
    }

    /** Where {@code word} starts in {@code text} at {@code cursor} or just after a separator, else -1. */
    private static int near(String text, String word, int cursor) {
        for (int at = cursor; at <= cursor + 2 && at + word.length() <= text.length(); at++) {
            if (text.startsWith(word, at)) return at;
        }
        return -1;
    }

    /**
     * Adds to {@code out} the rectangle {x0, y0, x1, y1} of every box that overlaps
     * {@code [from, to)}, both offsets in the block's text.
     */
    void overlapping(int from, int to, List<float[]> out) {
        for (int i = 0; i < size(); i++) {
            if (ranges[2 * i] < to && ranges[2 * i + 1] > from) {
                out.add(Arrays.copyOfRange(rects, 4 * i, 4 * i + 4));
            }
        }
    }
}
