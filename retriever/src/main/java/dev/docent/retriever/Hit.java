package dev.docent.retriever;

/**
 * A search result with everything needed to cite it.
 *
 * @param path source file
 * @param title document title
 * @param page 1-based page, or 0 when the format has no pages
 * @param heading section heading, or empty
 * @param ordinal chunk position in its document
 * @param startOffset chunk start offset (see {@link IndexedChunk})
 * @param endOffset chunk end offset
 * @param text the chunk text
 * @param score relevance; for hybrid search the fused score scaled to [0, 1]
 */
public record Hit(
        String path,
        String title,
        int page,
        String heading,
        int ordinal,
        int startOffset,
        int endOffset,
        String text,
        double score) {}
