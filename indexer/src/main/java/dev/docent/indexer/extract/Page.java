package dev.docent.indexer.extract;

import java.util.List;

/**
 * The text of one page (or slide) as blocks. Documents without pages have one page numbered 0.
 *
 * @param number 1-based page number, or 0 when the format has no pages
 * @param blocks the page's blocks in reading order
 */
public record Page(int number, List<Block> blocks) {

    /** Separator between blocks in the page text that chunk offsets refer to. */
    public static final String BLOCK_SEPARATOR = "\n\n";

    /** The page text that chunk offsets index into. */
    public String text() {
        return String.join(BLOCK_SEPARATOR, blocks.stream().map(Block::text).toList());
    }
}
