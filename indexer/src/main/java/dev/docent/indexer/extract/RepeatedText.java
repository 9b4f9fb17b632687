package dev.docent.indexer.extract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Tells a zip bomb from a long document once the character budget is spent. A bomb is the same
 * few kilobytes repeated (that is what lets it pack 1000:1), and its text deflates just as well;
 * real prose deflates 3:1, and even logs and tables stay under 20:1. An .odt or .epub bomb passes
 * POI's per-part ratio check (POI reads only OOXML), so without this it would be indexed as
 * millions of identical chunks.
 */
final class RepeatedText {

    /** Deflating the text this many times smaller or more marks it as a bomb's filler. */
    static final int BOMB_RATIO = 50;
    /** Enough text to judge; a bomb repeats within far less. */
    private static final int SAMPLE_BYTES = 4 << 20;

    private RepeatedText() {}

    static boolean looksLikeBomb(List<Page> pages) {
        byte[] sample = sample(pages);
        if (sample.length < (1 << 20)) return false;
        var deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(sample);
            deflater.finish();
            byte[] out = new byte[1 << 16];
            long packed = 0;
            while (!deflater.finished()) packed += deflater.deflate(out);
            return packed * BOMB_RATIO <= sample.length;
        } finally {
            deflater.end();
        }
    }

    private static byte[] sample(List<Page> pages) {
        StringBuilder sb = new StringBuilder();
        outer:
        for (Page p : pages) {
            for (Block b : p.blocks()) {
                sb.append(b.text()).append('\n');
                if (sb.length() >= SAMPLE_BYTES) break outer;
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
