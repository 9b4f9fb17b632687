package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningFooterTest {

    private static Page page(int n, String... blocks) {
        List<Block> b = new ArrayList<>();
        for (String t : blocks) b.add(new Block(t, false));
        return new Page(n, b);
    }

    @Test
    void blocksRepeatedOnMostPagesDigitsAsideAreDropped() {
        List<Page> pages = List.of(
                page(1, "Annual Report - page 1 of 4", "Revenue grew to 48.6 million."),
                page(2, "Annual Report - page 2 of 4", "We shipped 1,140 robots."),
                page(3, "Annual Report - page 3 of 4", "Headcount reached 212."),
                page(4, "Annual Report - page 4 of 4", "Revenue grew again."));
        List<Page> cleaned = PdfPageExtractor.withoutRunningHeadersAndFooters(pages);
        assertEquals(List.of("Revenue grew to 48.6 million."), cleaned.get(0).blocks().stream().map(Block::text).toList());
        assertEquals(4, cleaned.size());
        assertEquals(3, cleaned.get(2).number());
    }

    @Test
    void shortDocumentsAndOccasionalRepeatsAreKept() {
        List<Page> two = List.of(page(1, "Footer 1", "a"), page(2, "Footer 2", "b"));
        assertEquals(two, PdfPageExtractor.withoutRunningHeadersAndFooters(two));
        List<Page> five = List.of(page(1, "See the table below."), page(2, "See the table below."),
                page(3, "x"), page(4, "y"), page(5, "z"));
        assertEquals(five, PdfPageExtractor.withoutRunningHeadersAndFooters(five)); // on 2 of 5 pages only
    }
}
