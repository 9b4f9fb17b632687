package dev.docent.indexer.extract;

/**
 * A paragraph-like run of text (paragraph, list item, table row, heading).
 *
 * @param text whitespace-normalised text, never blank
 * @param heading whether the source marked it as a heading (h1..h6)
 * @param boxes where the text's words are on its page (PDF text layers only), or null
 */
public record Block(String text, boolean heading, TextBoxes boxes) {

    /** A block whose position on a page is unknown (every format but a PDF's text layer). */
    public Block(String text, boolean heading) {
        this(text, heading, null);
    }
}
