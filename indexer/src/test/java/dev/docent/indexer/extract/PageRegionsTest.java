package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.TestPaths;
import dev.docent.indexer.chunk.Chunk;
import dev.docent.indexer.chunk.Chunker;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripperByArea;
import org.junit.jupiter.api.Test;

/**
 * The text positions kept at extraction point at the chunk's own words: PDFBox, asked for the text
 * inside the regions of a chunk (and nothing else), reads back that chunk's first and last words.
 */
class PageRegionsTest {

    private static final Path PDF = TestPaths.repoRoot().resolve("sample-corpus/employee-handbook.pdf");

    @Test
    void everyChunkOfAPdfIsFoundInsideItsOwnRegions() throws Exception {
        ExtractedDocument doc = new TextExtractor().extract(PDF);
        List<Chunk> chunks = new Chunker(text -> text.split(" ").length, 60).chunk(doc);
        assertTrue(chunks.size() >= 3, "a few chunks to check: " + chunks.size());
        try (PDDocument pdf = Loader.loadPDF(PDF.toFile())) {
            for (Chunk c : chunks) {
                Page page = doc.pages().get(c.page() - 1);
                List<PageRegions.Region> regions = PageRegions.of(page, c.startOffset(), c.endOffset());
                assertFalse(regions.isEmpty(), "no regions for chunk " + c.ordinal());
                for (var r : regions) {
                    assertTrue(r.x() >= 0 && r.y() >= 0 && r.width() > 0 && r.height() > 0
                            && r.x() + r.width() <= 1.0001 && r.y() + r.height() <= 1.0001, r.toString());
                    assertTrue(r.height() < 0.05, "one line is not a twentieth of the page: " + r);
                }
                String inside = textInside(pdf, c.page(), regions);
                String[] words = c.text().split(" ");
                assertTrue(inside.contains(words[0]) && inside.contains(words[words.length - 1]),
                        "chunk " + c.ordinal() + " starts '" + words[0] + "', ends '" + words[words.length - 1]
                                + "', but its regions hold: " + inside);
                // The encoded form keeps the regions to a ten-thousandth of the page.
                List<PageRegions.Region> back = PageRegions.decode(PageRegions.encode(regions));
                assertEquals(regions.size(), back.size());
                assertEquals(regions.getFirst().y(), back.getFirst().y(), 1e-4);
            }
        }
    }

    @Test
    void textWithoutPositionsHasNoRegions() {
        Page page = new Page(0, List.of(new Block("Plain text has no page to point at.", false)));
        assertTrue(PageRegions.of(page, 0, 10).isEmpty());
        assertEquals("", PageRegions.encode(List.of()));
        assertTrue(PageRegions.decode("12,x;1,2,3").isEmpty(), "malformed entries are skipped");
    }

    /** What PDFBox reads inside the regions (in points; they are fractions of the page). */
    private static String textInside(PDDocument pdf, int pageNumber, List<PageRegions.Region> regions) throws Exception {
        var page = pdf.getPage(pageNumber - 1);
        float w = page.getCropBox().getWidth();
        float h = page.getCropBox().getHeight();
        var stripper = new PDFTextStripperByArea();
        for (int i = 0; i < regions.size(); i++) {
            var r = regions.get(i);
            stripper.addRegion("r" + i, new Rectangle2D.Double(r.x() * w, r.y() * h, r.width() * w, r.height() * h));
        }
        stripper.extractRegions(page);
        var sb = new StringBuilder();
        for (int i = 0; i < regions.size(); i++) sb.append(stripper.getTextForRegion("r" + i)).append(' ');
        return sb.toString().replaceAll("\\s+", " ");
    }
}
