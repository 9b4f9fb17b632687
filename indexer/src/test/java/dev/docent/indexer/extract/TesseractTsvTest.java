package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tesseract's TSV (as tesseract 5 writes it) to paragraphs with word boxes. */
class TesseractTsvTest {

    private static final String HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    private static String word(int block, int par, int line, int n, int left, int top, int width, int height, String text) {
        return "5\t1\t" + block + "\t" + par + "\t" + line + "\t" + n + "\t" + left + "\t" + top + "\t" + width + "\t" + height
                + "\t95.5\t" + text + "\n";
    }

    @Test
    void eachParagraphIsABlockAndEachWordKeepsItsNormalisedBox() {
        String tsv = HEADER
                + "1\t1\t0\t0\t0\t0\t0\t0\t1000\t2000\t-1\t\n" // the page: not a word
                + "4\t1\t1\t1\t1\t0\t100\t200\t300\t40\t-1\t\n" // a line: not a word
                + word(1, 1, 1, 1, 100, 200, 120, 40, "Total")
                + word(1, 1, 1, 2, 240, 200, 160, 40, "exam-")
                + word(1, 1, 2, 1, 100, 260, 100, 40, "ple")
                + word(1, 1, 2, 2, 220, 260, 80, 40, "due:")
                + word(1, 1, 2, 3, 320, 260, 10, 40, " ") // blank word: skipped
                + word(1, 2, 1, 1, 100, 400, 200, 40, "Well-")
                + word(1, 2, 2, 1, 100, 460, 200, 40, "Known")
                + "not\ta\trow\n";
        List<Block> blocks = TesseractTsv.blocks(tsv, 1000, 2000);
        assertEquals(List.of("Total example due:", "Well- Known"), blocks.stream().map(Block::text).toList(),
                "a line-end hyphen before lower case joins the word; before upper case it stays");
        List<float[]> example = new ArrayList<>();
        blocks.getFirst().boxes().overlapping(6, 13, example); // "example" spans two words, two lines
        assertEquals(2, example.size());
        assertArrayEquals(new float[] {0.24f, 0.10f, 0.40f, 0.12f}, example.get(0), 1e-6f);
        assertArrayEquals(new float[] {0.10f, 0.13f, 0.20f, 0.15f}, example.get(1), 1e-6f);
        List<float[]> due = new ArrayList<>();
        blocks.getFirst().boxes().overlapping(14, 18, due);
        assertArrayEquals(new float[] {0.22f, 0.13f, 0.30f, 0.15f}, due.getFirst(), 1e-6f);
    }

    @Test
    void noWordsNoBlocks() {
        assertEquals(List.of(), TesseractTsv.blocks(HEADER, 100, 100));
        assertEquals(List.of(), TesseractTsv.blocks("", 100, 100));
    }
}
