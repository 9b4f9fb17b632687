package dev.docent.indexer.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * PDF text page by page with PDFBox ({@link PdfPageCollector}, one pass), laid out into headings
 * and paragraphs ({@link PdfLayout}), without running headers and footers. A damaged page is
 * skipped, not fatal.
 */
final class PdfPageExtractor {

    private PdfPageExtractor() {}

    /** A PDF's title (from its metadata, may be null) and its pages. */
    record PdfText(String title, List<Page> pages) {}

    /** Pages of {@code file}; throws IOException (including InvalidPasswordException) if unreadable. */
    static PdfText extract(Path file, int maxCharacters) throws IOException {
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            String title = doc.getDocumentInformation().getTitle();
            var collector = new PdfPageCollector(file.getFileName().toString(), doc.getNumberOfPages(), maxCharacters);
            return new PdfText(title, withoutRunningHeadersAndFooters(collector.read(doc)));
        }
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
