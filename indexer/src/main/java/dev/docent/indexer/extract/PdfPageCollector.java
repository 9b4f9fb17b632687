package dev.docent.indexer.extract;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every page of a PDF in ONE pass of PDFBox's text stripper and lays each page out as it
 * ends. Asking the stripper for one page at a time (start page = end page = i) walks the whole page
 * tree on every call: quadratic in pages (16,000 pages took minutes, 50,000 never finished).
 * A page that fails is logged and left empty, as before; pages past the character budget are not
 * read at all; an interrupt (the time limit, shutdown) stops the pass between pages.
 */
final class PdfPageCollector extends PDFTextStripper {

    private static final Logger log = LoggerFactory.getLogger(PdfPageCollector.class);

    private final String fileName;
    private final int maxCharacters;
    /** Blocks by page number - 1; pages never processed (no content, over budget) stay empty. */
    private final List<List<Block>> pages;
    private final List<PdfLayout.Line> lines = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    /** The current line's words with where they are on the page (for the source viewer's highlight). */
    private final List<TextBoxes.Word> words = new ArrayList<>();
    private float size;
    private boolean bold;
    private float y = Float.NaN;
    private int characters;

    PdfPageCollector(String fileName, int pageCount, int maxCharacters) throws IOException {
        this.fileName = fileName;
        this.maxCharacters = maxCharacters;
        this.pages = new ArrayList<>(Collections.nCopies(pageCount, List.of()));
        setSortByPosition(true);
    }

    /** The document's pages, numbered from 1. */
    List<Page> read(PDDocument doc) throws IOException {
        writeText(doc, Writer.nullWriter());
        List<Page> out = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) out.add(new Page(i + 1, pages.get(i)));
        return out;
    }

    @Override
    public void processPage(PDPage page) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("PDF extraction was stopped");
        }
        int number = getCurrentPageNo();
        // Over budget, or beyond the page count the document declares (a damaged page tree).
        if (characters > maxCharacters || number > pages.size()) return;
        try {
            super.processPage(page); // ends with writePageEnd(), which ends the last line
            List<Block> blocks = PdfLayout.blocks(lines);
            for (Block b : blocks) characters += b.text().length();
            pages.set(number - 1, blocks);
        } catch (IOException | RuntimeException e) {
            log.warn("{}: page {} is damaged and was skipped ({})", fileName, number, e.toString());
        } finally {
            lines.clear();
            words.clear();
            text.setLength(0);
            resetLine();
        }
    }

    @Override
    protected void writeString(String s, List<TextPosition> positions) {
        if (!text.isEmpty()) text.append(' ');
        text.append(s);
        TextBoxes.Word word = word(s, positions);
        if (word != null) words.add(word);
        for (TextPosition p : positions) {
            size = Math.max(size, p.getFontSizeInPt());
            if (Float.isNaN(y)) y = p.getYDirAdj();
            String font = p.getFont() == null || p.getFont().getName() == null ? "" : p.getFont().getName();
            bold |= font.contains("Bold") || font.contains("bold") || font.contains("Black");
        }
    }

    /**
     * The word's rectangle, normalised to the page as displayed (origin top left). A glyph's box
     * runs from the baseline up by its height (at least three quarters of the font size: PDFBox's
     * height is an estimate that can be a mere x-height) and down by a fifth of the size for
     * descenders. PDFBox's "DirAdj" coordinates ignore the page's /Rotate, which is applied last.
     */
    private static TextBoxes.Word word(String s, List<TextPosition> positions) {
        if (positions.isEmpty()) return null;
        float x0 = Float.MAX_VALUE, y0 = Float.MAX_VALUE, x1 = -Float.MAX_VALUE, y1 = -Float.MAX_VALUE;
        for (TextPosition p : positions) {
            float size = Math.abs(p.getFontSizeInPt());
            float base = p.getYDirAdj();
            x0 = Math.min(x0, p.getXDirAdj());
            x1 = Math.max(x1, p.getXDirAdj() + p.getWidthDirAdj());
            y0 = Math.min(y0, base - Math.max(p.getHeightDir(), 0.75f * size));
            y1 = Math.max(y1, base + 0.2f * size);
        }
        TextPosition first = positions.getFirst();
        float width = first.getPageWidth(), height = first.getPageHeight();
        if (width <= 0 || height <= 0 || !(x1 > x0) || !(y1 > y0)) return null;
        float u0 = clamp(x0 / width), v0 = clamp(y0 / height), u1 = clamp(x1 / width), v1 = clamp(y1 / height);
        return switch (first.getRotation()) {
            case 90 -> new TextBoxes.Word(s, 1 - v1, u0, 1 - v0, u1); // (u, v) shows at (1 - v, u)
            case 180 -> new TextBoxes.Word(s, 1 - u1, 1 - v1, 1 - u0, 1 - v0);
            case 270 -> new TextBoxes.Word(s, v0, 1 - u1, v1, 1 - u0); // (u, v) shows at (v, 1 - u)
            default -> new TextBoxes.Word(s, u0, v0, u1, v1);
        };
    }

    private static float clamp(float v) {
        return Math.clamp(v, 0f, 1f);
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
        ExtractionHeartbeat.beat("text of page " + getCurrentPageNo() + " of " + pages.size()); // a long PDF is getting on
    }

    private void endLine() {
        String t = text.toString().strip();
        if (!t.isEmpty()) lines.add(new PdfLayout.Line(t, size, bold, Float.isNaN(y) ? 0 : y, List.copyOf(words)));
        text.setLength(0);
        words.clear();
        resetLine();
    }

    private void resetLine() {
        size = 0;
        bold = false;
        y = Float.NaN;
    }
}
