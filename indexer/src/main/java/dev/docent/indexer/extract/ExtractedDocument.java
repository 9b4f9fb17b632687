package dev.docent.indexer.extract;

import java.util.List;

/**
 * What extraction produced for one file.
 *
 * @param title the document's own title, else its file name
 * @param contentType detected media type
 * @param paged whether page numbers are meaningful (PDF pages, presentation slides)
 * @param pages the text by page; for unpaged formats a single page numbered 0
 * @param ocrPages pages whose text came from OCR (scanned PDF pages)
 * @param pagesNeedingOcr scanned pages left without text because OCR is off or unavailable
 */
public record ExtractedDocument(String title, String contentType, boolean paged, List<Page> pages, int ocrPages,
        int pagesNeedingOcr) {

    /** A document read without OCR, every page with its own text. */
    public ExtractedDocument(String title, String contentType, boolean paged, List<Page> pages) {
        this(title, contentType, paged, pages, 0, 0);
    }

    /** What the document's status says about OCR, or null when OCR played no part. */
    public String ocrNote() {
        if (ocrPages > 0) return "text of " + ocrPages + (ocrPages == 1 ? " page" : " pages") + " from OCR";
        if (pagesNeedingOcr > 0) {
            return pagesNeedingOcr + (pagesNeedingOcr == 1 ? " scanned page needs" : " scanned pages need")
                    + " OCR (install tesseract-ocr; setting indexing.ocr)";
        }
        return null;
    }

    public int characterCount() {
        return pages.stream().flatMap(p -> p.blocks().stream()).mapToInt(b -> b.text().length()).sum();
    }
}
