package dev.docent.indexer.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Time to extract a long generated PDF, to show extraction is linear in pages. Not a test: writes
 * {@code PAGES} short pages to {@code FILE} (if it does not exist yet; never commit it), then
 * extracts it once with {@link TextExtractor} and prints pages, characters and seconds. Run it in
 * its own JVM to read the peak RSS, e.g. under {@code /usr/bin/time -v java -cp … PdfBench FILE PAGES}
 * (docs/benchmarks.md has the full command).
 */
public final class PdfBench {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int pages = Integer.parseInt(args[1]);
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            write(file, pages);
            System.out.printf("wrote %s: %d pages, %.1f MB in %.1f s%n", file, pages,
                    Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9);
        }
        long t0 = System.nanoTime();
        ExtractedDocument doc = new TextExtractor().extract(file);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("extracted %s: %d pages, %d characters in %.1f s%n", file.getFileName(),
                doc.pages().size(), doc.characterCount(), seconds);
    }

    /** Short pages like a long log or register: a heading line and two lines of body text. */
    static void write(Path out, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            var regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            var bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (int n = 1; n <= pages; n++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (var cs = new PDPageContentStream(doc, page)) {
                    line(cs, bold, 15, 700, "Entry " + n);
                    line(cs, regular, 11, 670, "Register entry " + n + " records " + word(n) + " " + word(n * 31)
                            + " delivered to the " + word(n * 7) + " store.");
                    line(cs, regular, 11, 654, "It was checked by " + word(n * 13) + " and filed under "
                            + word(n * 17) + " " + word(n * 19) + ".");
                }
            }
            doc.save(out.toFile());
        }
    }

    private static final String[] WORDS = {"apple", "barrel", "cider", "crate", "ladder", "orchard", "pruning",
        "harvest", "blossom", "grafting", "storage", "cellar", "press", "invoice", "pallet", "frost", "walnut",
        "hazel", "quince", "pear", "plum", "cherry", "tractor", "shed", "north", "south", "river", "meadow"};

    /** A word picked by {@code n}, so pages differ and none is dropped as a running header. */
    private static String word(int n) {
        return WORDS[Math.floorMod(n * 2654435761L >>> 7, WORDS.length)];
    }

    private static void line(PDPageContentStream cs, PDType1Font font, float size, float y, String text)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(64, y);
        cs.showText(text);
        cs.endText();
    }
}
