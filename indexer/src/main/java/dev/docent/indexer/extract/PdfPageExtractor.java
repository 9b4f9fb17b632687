package dev.docent.indexer.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PDF text page by page with PDFBox, with the layout cues Tika's XHTML drops: a line set in a
 * larger (or bold) font than the page's body text is a heading, and a vertical gap larger than
 * the usual line spacing ends a paragraph. Lines of one paragraph are joined, so sentences that
 * wrap across lines stay whole for the chunker. A damaged page is skipped, not fatal.
 */
final class PdfPageExtractor {

    private static final Logger log = LoggerFactory.getLogger(PdfPageExtractor.class);

    /** One visual line with the cues layout analysis needs. */
    private record Line(String text, float size, boolean bold, float y) {}

    private PdfPageExtractor() {}

    /** A PDF's title (from its metadata, may be null) and its pages. */
    record PdfText(String title, List<Page> pages) {}

    /** Pages of {@code file}; throws IOException (including InvalidPasswordException) if unreadable. */
    static PdfText extract(Path file, int maxCharacters) throws IOException {
        List<Page> pages = new ArrayList<>();
        int characters = 0;
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            String title = doc.getDocumentInformation().getTitle();
            int count = doc.getNumberOfPages();
            for (int i = 1; i <= count; i++) {
                List<Block> blocks;
                try {
                    blocks = characters > maxCharacters ? List.of() : layout(lines(doc, i));
                } catch (IOException | RuntimeException e) {
                    log.warn("{}: page {} is damaged and was skipped ({})", file.getFileName(), i, e.toString());
                    blocks = List.of();
                }
                for (Block b : blocks) characters += b.text().length();
                pages.add(new Page(i, blocks));
            }
            return new PdfText(title, withoutRunningHeadersAndFooters(pages));
        }
    }

    private static List<Line> lines(PDDocument doc, int page) throws IOException {
        var stripper = new LineCollector();
        stripper.setSortByPosition(true);
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(doc);
        stripper.endLine();
        return stripper.lines;
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

    /** Groups lines into heading and paragraph blocks. */
    private static List<Block> layout(List<Line> lines) {
        if (lines.isEmpty()) return List.of();
        float body = bodySize(lines);
        boolean bodyBold = lines.stream().filter(l -> Math.abs(l.size() - body) < 0.5f).allMatch(Line::bold);
        float gap = typicalGap(lines);
        List<Block> blocks = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        boolean paraIsHeading = false;
        Line previous = null;
        for (Line l : lines) {
            boolean heading = l.text().length() < 150
                    && (l.size() >= body * 1.2f || (l.bold() && !bodyBold && l.text().length() < 100));
            boolean newBlock = previous == null || heading != paraIsHeading
                    || (gap > 0 && Math.abs(l.y() - previous.y()) > gap * 1.35f);
            if (newBlock && !para.isEmpty()) {
                blocks.add(new Block(BlockCollector.normalise(para), paraIsHeading));
                para.setLength(0);
            }
            if (!para.isEmpty()) {
                // A hyphen at a line end usually splits a word ("sup-" + "plier").
                if (para.charAt(para.length() - 1) == '-' && para.length() > 1
                        && Character.isLowerCase(para.charAt(para.length() - 2))
                        && Character.isLowerCase(l.text().charAt(0))) {
                    para.setLength(para.length() - 1);
                } else {
                    para.append(' ');
                }
            }
            para.append(l.text());
            paraIsHeading = heading;
            previous = l;
        }
        if (!para.isEmpty()) blocks.add(new Block(BlockCollector.normalise(para), paraIsHeading));
        blocks.removeIf(b -> b.text().isEmpty());
        return blocks;
    }

    /** The font size that carries the most characters on the page. */
    private static float bodySize(List<Line> lines) {
        Map<Float, Integer> weight = new HashMap<>();
        for (Line l : lines) weight.merge(Math.round(l.size() * 2) / 2f, l.text().length(), Integer::sum);
        return weight.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(10f);
    }

    /** The most common distance between consecutive lines: the line spacing within a paragraph. */
    private static float typicalGap(List<Line> lines) {
        Map<Float, Integer> counts = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            float d = Math.round(Math.abs(lines.get(i).y() - lines.get(i - 1).y()) * 2) / 2f;
            if (d > 0) counts.merge(d, 1, Integer::sum);
        }
        // Most frequent spacing; on a tie the smaller one (paragraph gaps are the larger).
        return counts.entrySet().stream().max((a, b) -> a.getValue().equals(b.getValue())
                        ? Float.compare(b.getKey(), a.getKey()) : Integer.compare(a.getValue(), b.getValue()))
                .map(Map.Entry::getKey).orElse(0f);
    }

    /** Receives PDFBox's text runs and assembles them into lines with font cues. */
    private static final class LineCollector extends PDFTextStripper {
        final List<Line> lines = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private float size;
        private boolean bold;
        private float y = Float.NaN;

        LineCollector() throws IOException {
            super();
        }

        @Override
        protected void writeString(String s, List<TextPosition> positions) {
            if (!text.isEmpty()) text.append(' ');
            text.append(s);
            for (TextPosition p : positions) {
                size = Math.max(size, p.getFontSizeInPt());
                if (Float.isNaN(y)) y = p.getYDirAdj();
                String font = p.getFont() == null || p.getFont().getName() == null ? "" : p.getFont().getName();
                bold |= font.contains("Bold") || font.contains("bold") || font.contains("Black");
            }
        }

        @Override
        protected void writeLineSeparator() {
            endLine();
        }

        @Override
        protected void writeParagraphEnd() {
            endLine();
        }

        @Override
        protected void writePageEnd() {
            endLine();
        }

        void endLine() {
            String t = text.toString().strip();
            if (!t.isEmpty()) lines.add(new Line(t, size, bold, Float.isNaN(y) ? 0 : y));
            text.setLength(0);
            size = 0;
            bold = false;
            y = Float.NaN;
        }
    }
}
