package dev.docent.indexer.extract;

import java.time.Instant;
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
 * @param author who the file says wrote it (PDF Author, dc:creator, meta:author; several joined by
 *     "; "), or null
 * @param created when the file says it was created (PDF CreationDate, dcterms:created), or null
 * @param language the text's language code ({@link DocumentLanguage}: en, de, fr, cjk), or null
 *     when its start does not say clearly
 */
public record ExtractedDocument(String title, String contentType, boolean paged, List<Page> pages, int ocrPages,
        int pagesNeedingOcr, String author, Instant created, String language) {

    /** A document without author, creation time or language. */
    public ExtractedDocument(String title, String contentType, boolean paged, List<Page> pages, int ocrPages,
            int pagesNeedingOcr) {
        this(title, contentType, paged, pages, ocrPages, pagesNeedingOcr, null, null, null);
    }

    /** A document read without OCR, every page with its own text. */
    public ExtractedDocument(String title, String contentType, boolean paged, List<Page> pages) {
        this(title, contentType, paged, pages, 0, 0);
    }

    /** This document with the given author, creation time and language instead of its own. */
    public ExtractedDocument withMetadata(String author, Instant created, String language) {
        return new ExtractedDocument(title, contentType, paged, pages, ocrPages, pagesNeedingOcr, author, created,
                language);
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
