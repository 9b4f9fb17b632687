package dev.docent.indexer.extract;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PDF text page by page with PDFBox ({@link PdfPageCollector}, one pass), laid out into headings
 * and paragraphs ({@link PdfLayout}), without running headers and footers. A damaged page is
 * skipped, not fatal. Pages with images but no text layer (scans) are OCRed one by one when OCR
 * is available, else counted as needing OCR.
 */
final class PdfPageExtractor {

    private static final Logger log = LoggerFactory.getLogger(PdfPageExtractor.class);
    /** Tesseract reads best at about 300 dpi; grey is enough and a third of the pixels of colour. */
    private static final float OCR_DPI = 300;

    /**
     * Pages read of one PDF; the rest are left out (and logged). Reading is linear in pages, but a
     * 50,000-page PDF still takes a minute or more and 3.5 GB of heap for its word boxes, while
     * the files behind it wait: 10,000 pages take about 5 s and 0.7 GB (docs/benchmarks.md).
     */
    static final int MAX_PAGES = Integer.getInteger("docent.pdf.max_pages", 10_000);

    private PdfPageExtractor() {}

    /**
     * A PDF's title, author and creation time (from its document information, each may be null),
     * its pages, and what OCR did.
     */
    record PdfText(String title, List<Page> pages, int ocrPages, int pagesNeedingOcr, String author,
            java.time.Instant created, boolean tikaMayFindMore) {}

    /** Up to this many pages, a PDF without page text is cheap enough to give to Tika as well. */
    private static final int SMALL_PDF_PAGES = 100;

    /**
     * Whether Tika's PDF parser may find text where the page text is empty: form fields and
     * attachments (portfolios) are read by Tika only. A long PDF with neither is not read twice: the
     * second reading (without progress reports) once made a 50,000-page file fail after minutes.
     */
    private static boolean tikaMayFindMore(PDDocument doc, int pageCount) {
        var catalog = doc.getDocumentCatalog();
        if (pageCount <= SMALL_PDF_PAGES || catalog.getCOSObject().containsKey(COSName.ACRO_FORM)) return true;
        var names = catalog.getNames();
        return names != null && names.getEmbeddedFiles() != null;
    }

    /** Pages of {@code file}; throws IOException (including InvalidPasswordException) if unreadable. */
    static PdfText extract(Path file, int maxCharacters, PageOcr ocr) throws IOException {
        return extract(file, maxCharacters, ocr, MAX_PAGES);
    }

    /** As above, reading at most {@code maxPages} pages. */
    static PdfText extract(Path file, int maxCharacters, PageOcr ocr, int maxPages) throws IOException {
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            var info = doc.getDocumentInformation();
            String title = info.getTitle();
            int pageCount = doc.getNumberOfPages();
            if (pageCount > maxPages) {
                log.info("{}: only the first {} of its {} pages are read (a limit per file)", file.getFileName(), maxPages, pageCount);
            }
            var collector = new PdfPageCollector(file.getFileName().toString(), Math.min(pageCount, maxPages), maxCharacters);
            List<Page> pages = new ArrayList<>(withoutRunningHeadersAndFooters(collector.read(doc)));
            int characters = pages.stream().mapToInt(p -> p.text().length()).sum();
            int ocred = 0;
            int needing = 0;
            PDFRenderer renderer = null;
            // The page tree's iterator, never getPage(i): that walks the tree from its root, so a
            // loop over it is quadratic (50,000 blank pages took minutes, with no sign of progress).
            var tree = doc.getPages().iterator();
            for (int i = 0; i < pages.size() && characters <= maxCharacters && tree.hasNext(); i++) {
                PDPage page = tree.next();
                if (!pages.get(i).blocks().isEmpty()) continue;
                ExtractionHeartbeat.beat("looking for scanned pages: page " + (i + 1) + " of " + pages.size());
                if (!hasImages(page)) continue;
                if (ocr == null) {
                    needing++;
                    continue;
                }
                if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("OCR was stopped");
                if (renderer == null) renderer = new PDFRenderer(doc);
                // Each page OCR'd is progress (a scanned book takes minutes), and the status shows it.
                ExtractionHeartbeat.beat("OCR of page " + (i + 1) + " of " + pages.size());
                try {
                    BufferedImage image = renderer.renderImageWithDPI(i, OCR_DPI, ImageType.GRAY);
                    List<Block> blocks = ocr.read(image);
                    pages.set(i, new Page(i + 1, blocks));
                    characters += pages.get(i).text().length();
                    if (!blocks.isEmpty()) ocred++;
                } catch (InterruptedIOException e) {
                    throw e;
                } catch (Exception e) {
                    if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("OCR was stopped");
                    log.warn("{}: OCR of page {} failed ({})", file.getFileName(), i + 1, e.toString());
                    needing++;
                }
            }
            return new PdfText(title, pages, ocred, needing, FileMetadata.author(info), FileMetadata.created(info),
                    tikaMayFindMore(doc, pageCount));
        }
    }

    /** Whether the page draws any image or form (a blank page is not worth an OCR run). */
    private static boolean hasImages(PDPage page) {
        PDResources resources = page.getResources();
        return resources != null && resources.getXObjectNames().iterator().hasNext();
    }

    /**
     * Drops running headers and footers: short blocks that recur, digits aside ("page 3 of 5"),
     * on at least half the pages of a document of three pages or more. They would otherwise be
     * indexed once per page and quoted as if they were content.
     */
    static List<Page> withoutRunningHeadersAndFooters(List<Page> pages) {
        if (pages.size() < 3) return pages;
        Map<String, Integer> seenOnPages = new HashMap<>();
        for (Page p : pages) {
            p.blocks().stream().filter(b -> b.text().length() <= 200).map(b -> shape(b.text())).distinct()
                    .forEach(k -> seenOnPages.merge(k, 1, Integer::sum));
        }
        int threshold = Math.max(3, (pages.size() + 1) / 2);
        List<Page> out = new ArrayList<>(pages.size());
        for (Page p : pages) {
            List<Block> kept = p.blocks().stream()
                    .filter(b -> b.text().length() > 200 || seenOnPages.getOrDefault(shape(b.text()), 0) < threshold)
                    .toList();
            out.add(new Page(p.number(), kept));
        }
        return out;
    }

    private static String shape(String text) {
        return text.replaceAll("\\d+", "#").toLowerCase(java.util.Locale.ROOT);
    }
}
