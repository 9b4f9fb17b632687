package dev.docent.indexer.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Writes a source document as an A4 PDF, one source page per PDF page, with a page footer. */
final class PdfWriter {

    private static final float MARGIN = 64;
    private static final float BODY = 11;
    private static final float HEADING = 15;

    private PdfWriter() {}

    static void write(SourceDocument src, Path out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            var regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            var bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            int number = 0;
            for (List<SourceDocument.Element> page : src.pages()) {
                number++;
                PDPage p = new PDPage(PDRectangle.A4);
                doc.addPage(p);
                float width = p.getMediaBox().getWidth() - 2 * MARGIN;
                try (var cs = new PDPageContentStream(doc, p)) {
                    float y = p.getMediaBox().getHeight() - MARGIN;
                    for (SourceDocument.Element e : page) {
                        boolean heading = e.kind() == SourceDocument.Kind.HEADING;
                        var font = heading ? bold : regular;
                        float size = heading ? HEADING : BODY;
                        String text = e.kind() == SourceDocument.Kind.BULLET ? "- " + e.text() : e.text();
                        y -= heading ? 10 : 0;
                        for (String line : wrap(text, font, size, width)) {
                            y -= size * 1.45f;
                            if (y < MARGIN + 30) throw new IllegalStateException(out + ": page " + number + " overflows");
                            cs.beginText();
                            cs.setFont(font, size);
                            cs.newLineAtOffset(MARGIN, y);
                            cs.showText(line);
                            cs.endText();
                        }
                        y -= 6;
                    }
                    cs.beginText();
                    cs.setFont(regular, 9);
                    cs.newLineAtOffset(MARGIN, MARGIN - 20);
                    cs.showText(src.title() + " - page " + number + " of " + src.pages().size());
                    cs.endText();
                }
            }
            var info = doc.getDocumentInformation();
            info.setTitle(src.title());
            info.setAuthor("Brambleworth Robotics");
            Calendar fixed = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            fixed.clear();
            fixed.set(2026, Calendar.JANUARY, 15);
            info.setCreationDate(fixed);
            doc.save(out.toFile());
        }
    }

    private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) lines.add(line.toString());
        return lines;
    }
}
