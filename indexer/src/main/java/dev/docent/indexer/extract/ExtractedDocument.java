package dev.docent.indexer.extract;

import java.util.List;

/**
 * What extraction produced for one file.
 *
 * @param title the document's own title, else its file name
 * @param contentType detected media type
 * @param paged whether page numbers are meaningful (PDF pages, presentation slides)
 * @param pages the text by page; for unpaged formats a single page numbered 0
 */
public record ExtractedDocument(String title, String contentType, boolean paged, List<Page> pages) {

    public int characterCount() {
        return pages.stream().flatMap(p -> p.blocks().stream()).mapToInt(b -> b.text().length()).sum();
    }
}
