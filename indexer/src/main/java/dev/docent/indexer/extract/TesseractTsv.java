package dev.docent.indexer.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns tesseract's TSV output into blocks with word boxes. Each row is one item of tesseract's
 * layout (level 1 page, 2 block, 3 paragraph, 4 line, 5 word) with its pixel rectangle; only the
 * words are read, and a paragraph (block and paragraph number) becomes one {@link Block}. Boxes are
 * normalised by the image size, as PDF text-layer boxes are by the page's, so both draw alike.
 */
final class TesseractTsv {

    private static final int LEVEL = 0;
    private static final int BLOCK = 2;
    private static final int PARAGRAPH = 3;
    private static final int LINE = 4;
    private static final int LEFT = 6;
    private static final int TOP = 7;
    private static final int WIDTH = 8;
    private static final int HEIGHT = 9;
    private static final int TEXT = 11;
    private static final String WORD_LEVEL = "5";

    private TesseractTsv() {}

    /** One word as tesseract placed it. */
    private record Word(String paragraph, String line, String text, float x0, float y0, float x1, float y1) {}

    static List<Block> blocks(String tsv, int imageWidth, int imageHeight) {
        List<Block> blocks = new ArrayList<>();
        List<Word> paragraph = new ArrayList<>();
        for (Word w : words(tsv, imageWidth, imageHeight)) {
            if (!paragraph.isEmpty() && !paragraph.getLast().paragraph().equals(w.paragraph())) {
                addBlock(paragraph, blocks);
                paragraph.clear();
            }
            paragraph.add(w);
        }
        addBlock(paragraph, blocks);
        return blocks;
    }

    private static List<Word> words(String tsv, int width, int height) {
        List<Word> words = new ArrayList<>();
        for (String row : tsv.split("\n")) {
            String[] f = row.split("\t", -1);
            if (f.length <= TEXT || !f[LEVEL].equals(WORD_LEVEL) || f[TEXT].isBlank()) continue;
            try {
                float left = Integer.parseInt(f[LEFT]);
                float top = Integer.parseInt(f[TOP]);
                float right = left + Integer.parseInt(f[WIDTH]);
                float bottom = top + Integer.parseInt(f[HEIGHT]);
                words.add(new Word(f[BLOCK] + "." + f[PARAGRAPH], f[LINE], f[TEXT].strip(),
                        left / width, top / height, right / width, bottom / height));
            } catch (NumberFormatException notARow) {
                // the header, or a malformed row: skipped
            }
        }
        return words;
    }

    /**
     * Joins a paragraph's words with spaces, except across a line break after a hyphen when the
     * next line goes on in lower case ("exam-" / "ple" reads "example"), as the text before boxes did.
     */
    private static void addBlock(List<Word> words, List<Block> out) {
        if (words.isEmpty()) return;
        StringBuilder text = new StringBuilder();
        List<TextBoxes.Word> boxes = new ArrayList<>();
        Word previous = null;
        for (Word w : words) {
            if (previous != null) {
                boolean lineBreak = !previous.line().equals(w.line());
                boolean hyphenated = lineBreak && previous.text().length() > 1 && previous.text().endsWith("-")
                        && Character.isLowerCase(w.text().codePointAt(0));
                if (hyphenated) text.setLength(text.length() - 1);
                else text.append(' ');
            }
            text.append(w.text());
            boxes.add(new TextBoxes.Word(w.text(), w.x0(), w.y0(), w.x1(), w.y1()));
            previous = w;
        }
        String normalised = BlockCollector.normalise(text);
        if (!normalised.isBlank()) out.add(new Block(normalised, false, TextBoxes.align(normalised, boxes)));
    }
}
