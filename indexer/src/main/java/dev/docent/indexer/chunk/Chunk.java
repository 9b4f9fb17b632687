package dev.docent.indexer.chunk;

/**
 * A piece of a page, ready to embed.
 *
 * @param page page number (0 for unpaged documents)
 * @param heading heading of the enclosing section, or empty
 * @param ordinal position within the document, from 0
 * @param startOffset offset of the first character in the page text ({@code Page#text()})
 * @param endOffset offset just past the last character
 * @param text exactly {@code pageText.substring(startOffset, endOffset)}
 * @param tokens token count of {@code text}
 */
public record Chunk(int page, String heading, int ordinal, int startOffset, int endOffset, String text, int tokens) {}
