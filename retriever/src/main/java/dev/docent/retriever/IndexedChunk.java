package dev.docent.retriever;

/**
 * One chunk as written to the index.
 *
 * @param path absolute path of the source file: the document's identity
 * @param title document title (metadata title, else file name)
 * @param page 1-based page number, or 0 for formats without pages
 * @param heading nearest section heading above the chunk, or empty
 * @param ordinal position of the chunk within its document, from 0
 * @param startOffset character offset of the chunk's start within its page's (or document's) text
 * @param endOffset character offset just past the chunk's end
 * @param text the chunk text
 * @param vector the chunk's embedding, L2-normalised
 * @param regions where the chunk is on its page, for the source viewer's highlight: the indexer's
 *     compact {@code "x,y,w,h;..."} form (ten-thousandths of the page), or "" when unknown (not a PDF)
 */
public record IndexedChunk(
        String path,
        String title,
        int page,
        String heading,
        int ordinal,
        int startOffset,
        int endOffset,
        String text,
        float[] vector,
        String regions) {

    /** A chunk without page regions. */
    public IndexedChunk(String path, String title, int page, String heading, int ordinal, int startOffset, int endOffset,
            String text, float[] vector) {
        this(path, title, page, heading, ordinal, startOffset, endOffset, text, vector, "");
    }
}
