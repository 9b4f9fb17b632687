package dev.docent.indexer.extract;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.tika.exception.WriteLimitReachedException;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML event stream into pages of blocks. Tika marks each PDF page as
 * {@code <div class="page">} and each slide as {@code <div class="slide-content">}; embedded
 * documents (attachments) arrive inside {@code <div class="package-entry">} and their pages are
 * folded into the page that holds them, so page numbers stay those of the outer file.
 *
 * <p>Parsing stops (Tika's {@link WriteLimitReachedException}, which parsers of embedded files pass
 * on) as soon as the character budget is spent, so a zip bomb costs the budget, not its unpacked
 * size; and when the first characters are mostly NULs, control or replacement characters
 * ({@link #binary()}), or when the thread is interrupted (the time limit, shutdown).
 */
final class BlockCollector extends DefaultHandler {

    private static final Set<String> BLOCK_ELEMENTS = Set.of(
            "p", "div", "li", "tr", "br", "pre", "blockquote", "dt", "dd", "table", "ul", "ol",
            "section", "article", "header", "footer", "caption");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> CELLS = Set.of("td", "th");
    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "title");

    private final int maxCharacters;
    private final boolean markdown;
    private final List<Page> pages = new ArrayList<>();
    private List<Block> currentPage = new ArrayList<>();
    private final StringBuilder block = new StringBuilder();
    private boolean blockIsHeading;
    /** For each open div: what kind of div it is, so its end is handled symmetrically. */
    private final Deque<DivKind> divs = new ArrayDeque<>();
    private int embeddedDepth;
    private int skippedDepth;
    private boolean sawPageMarkers;
    private int characters;
    private boolean truncated;
    private final NotTextSniffer sniffer = new NotTextSniffer();
    private boolean binary;

    private enum DivKind { PAGE, EMBEDDED, OTHER }

    /** @param markdown treat lines starting with '#' as headings (Tika reads Markdown as plain text) */
    BlockCollector(int maxCharacters, boolean markdown) {
        this.maxCharacters = maxCharacters;
        this.markdown = markdown;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        stopIfCancelled();
        String name = localName.isEmpty() ? qName : localName;
        if (SKIPPED.contains(name)) {
            skippedDepth++;
            return;
        }
        if (name.equals("div")) {
            String cls = atts.getValue("class");
            DivKind kind = DivKind.OTHER;
            if (cls != null && cls.contains("package-entry")) {
                kind = DivKind.EMBEDDED;
                embeddedDepth++;
            } else if (cls != null && embeddedDepth == 0
                    && (cls.equals("page") || cls.equals("slide-content"))) {
                kind = DivKind.PAGE;
                startPage();
            }
            divs.push(kind);
        }
        if (HEADINGS.contains(name)) {
            flushBlock();
            blockIsHeading = true;
        } else if (BLOCK_ELEMENTS.contains(name)) {
            flushBlock();
        } else if (CELLS.contains(name) && !block.isEmpty()) {
            block.append(" | ");
        }
        stopIfFull();
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        String name = localName.isEmpty() ? qName : localName;
        if (SKIPPED.contains(name)) {
            skippedDepth--;
            return;
        }
        if (HEADINGS.contains(name) || BLOCK_ELEMENTS.contains(name)) {
            flushBlock();
        }
        if (name.equals("div") && !divs.isEmpty()) {
            DivKind kind = divs.pop();
            if (kind == DivKind.EMBEDDED) {
                embeddedDepth--;
            } else if (kind == DivKind.PAGE) {
                endPage();
            }
        }
        stopIfFull();
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        stopIfCancelled();
        if (skippedDepth > 0 || truncated) {
            return;
        }
        sniff(ch, start, length);
        // One element can carry a whole text file: hold no more than the budget in the block.
        int room = maxCharacters - characters - block.length();
        if (length > room) {
            block.append(ch, start, Math.max(0, room));
            flushBlock();
            truncated = true;
        } else {
            block.append(ch, start, length);
        }
        stopIfFull();
    }

    private void sniff(char[] ch, int start, int length) throws SAXException {
        if (sniffer.add(ch, start, length)) {
            binary = true;
            throw new SAXException("not text");
        }
    }

    private void stopIfFull() throws SAXException {
        if (truncated) throw new WriteLimitReachedException(maxCharacters);
    }

    private static void stopIfCancelled() throws SAXException {
        if (Thread.currentThread().isInterrupted()) throw new SAXException("extraction was stopped");
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        if (skippedDepth == 0) {
            block.append(' ');
        }
    }

    private void startPage() {
        flushBlock();
        if (!sawPageMarkers && !currentPage.isEmpty()) {
            // Text before the first page marker (rare): keep it with page 1.
            sawPageMarkers = true;
            return;
        }
        if (sawPageMarkers) {
            pages.add(new Page(pages.size() + 1, currentPage));
            currentPage = new ArrayList<>();
        }
        sawPageMarkers = true;
    }

    private void endPage() {
        flushBlock();
    }

    /**
     * Ends the current block. Plain text and Markdown arrive as one element with blank lines
     * between paragraphs, so the raw text is split there; in Markdown, '#' lines become headings.
     */
    private void flushBlock() {
        String raw = block.toString();
        block.setLength(0);
        boolean heading = blockIsHeading;
        blockIsHeading = false;
        for (String paragraph : PARAGRAPH_BREAK.split(raw)) {
            if (markdown) {
                StringBuilder body = new StringBuilder();
                for (String line : paragraph.split("\n")) {
                    var m = MARKDOWN_HEADING.matcher(line);
                    if (m.matches()) {
                        add(body, false);
                        body.setLength(0);
                        add(m.group(1), true);
                    } else {
                        body.append(line).append('\n');
                    }
                }
                add(body, heading);
            } else {
                add(paragraph, heading);
            }
        }
    }

    private static final java.util.regex.Pattern PARAGRAPH_BREAK = java.util.regex.Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n");
    private static final java.util.regex.Pattern MARKDOWN_HEADING = java.util.regex.Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");

    private void add(CharSequence rawText, boolean heading) {
        String text = normalise(rawText);
        if (text.isEmpty() || truncated) {
            return;
        }
        if (characters + text.length() > maxCharacters) {
            truncated = true;
            text = text.substring(0, Math.max(0, maxCharacters - characters));
            if (text.isEmpty()) {
                return;
            }
        }
        characters += text.length();
        currentPage.add(new Block(text, heading));
    }

    /** Collapses runs of whitespace (including NBSP and control characters) to one space. */
    static String normalise(CharSequence s) {
        var out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                space = !out.isEmpty();
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Pages collected; call after parsing ends. */
    List<Page> pages() {
        flushBlock();
        List<Page> result = new ArrayList<>(pages);
        if (sawPageMarkers) {
            result.add(new Page(result.size() + 1, currentPage));
        } else {
            result.add(new Page(0, currentPage));
        }
        return result;
    }

    boolean paged() {
        return sawPageMarkers;
    }

    boolean truncated() {
        return truncated;
    }

    /** Whether the text looks like binary data decoded as text (judged on its first characters). */
    boolean binary() {
        return binary || sniffer.mostlyJunk();
    }

    /** Why {@link #binary()} holds, in words. */
    String notTextReason(Path file) {
        return sniffer.reason(file);
    }
}
