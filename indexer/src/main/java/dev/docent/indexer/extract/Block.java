package dev.docent.indexer.extract;

/**
 * A paragraph-like run of text (paragraph, list item, table row, heading).
 *
 * @param text whitespace-normalised text, never blank
 * @param heading whether the source marked it as a heading (h1..h6)
 */
public record Block(String text, boolean heading) {}
