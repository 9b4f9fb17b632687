package dev.docent.indexer.extract;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Writes "scans" for OCR tests: each line is typeset on an A4 page with PDFBox (Helvetica, no
 * system fonts needed), the page is rendered to a picture, and the PDF holds only the pictures,
 * so there is no text layer and the words sit exactly where they were typeset.
 */
public final class ScannedPdfs {

    public static final PDType1Font FONT = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    public static final float SIZE = 22;
    public static final float X = 72;
    /** Baseline, in points from the bottom of the page. */
    public static final float BASELINE = 600;

    private ScannedPdfs() {}

    /** One image-only page per entry of {@code lines}. */
    public static void write(Path file, List<String> lines) throws IOException {
        try (var scanned = new PDDocument()) {
            for (String line : lines) {
                BufferedImage picture;
                try (var typeset = new PDDocument()) {
                    var page = new PDPage(PDRectangle.A4);
                    typeset.addPage(page);
                    try (var out = new PDPageContentStream(typeset, page)) {
                        out.beginText();
                        out.setFont(FONT, SIZE);
                        out.newLineAtOffset(X, BASELINE);
                        out.showText(line);
                        out.endText();
                    }
                    picture = new PDFRenderer(typeset).renderImageWithDPI(0, 150, ImageType.GRAY);
                }
                var imagePage = new PDPage(PDRectangle.A4);
                scanned.addPage(imagePage);
                try (var out = new PDPageContentStream(scanned, imagePage)) {
                    out.drawImage(LosslessFactory.createFromImage(scanned, picture), 0, 0, PDRectangle.A4.getWidth(),
                            PDRectangle.A4.getHeight());
                }
            }
            scanned.save(file.toFile());
        }
    }
}
