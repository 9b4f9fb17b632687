package dev.docent.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * A generated corpus in five formats (txt, md, html, docx, pdf) and three sizes: most documents
 * short (one or two paragraphs), a quarter a few sections, one in twenty long. Deterministic for
 * a seed, so every run and every peer reads the same files; {@link #write} with an edited
 * section gives the same document with one paragraph rewritten.
 */
final class Corpus {

    static final String[] FORMATS = {"txt", "md", "html", "docx", "pdf"};
    private static final String[] WORDS = ("river stone harbour ledger invoice tariff orbit lantern meadow copper granite"
            + " ferry almanac quarry thimble saddle beacon furnace orchard glacier cobalt parcel budget contract supplier"
            + " warehouse shipment forecast quarterly revenue margin payroll audit compliance safety inspection valve"
            + " pressure turbine sensor firmware release roadmap customer support ticket escalation policy travel expense"
            + " approval manager holiday leave training onboarding laptop network password backup server database index"
            + " query latency throughput memory cache cluster region outage incident review meeting minutes agenda vote"
            + " board member chair treasurer volunteer festival market bakery recipe flour butter sugar oven kitchen"
            + " garden tomato pepper harvest season rainfall drought irrigation tractor fuel diesel engine gearbox clutch")
            .split(" ");

    /** One document to write: its number, format and number of sections. */
    record Spec(int number, String format, int sections) {
        String fileName() {
            return "doc-" + number + "." + format;
        }
    }

    private final long seed;

    Corpus(long seed) {
        this.seed = seed;
    }

    /** {@code count} documents, formats in turn, sizes drawn from the seed. */
    List<Spec> specs(int count) {
        Random r = new Random(seed);
        List<Spec> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int roll = r.nextInt(100);
            int sections = roll < 70 ? 1 + r.nextInt(2) : roll < 95 ? 3 + r.nextInt(6) : 20 + r.nextInt(21);
            out.add(new Spec(i, FORMATS[i % FORMATS.length], sections));
        }
        return out;
    }

    /** Sections of (heading, paragraph); section {@code edited} (or none if -1) rewritten. */
    List<String[]> sections(Spec s, int edited) {
        Random r = new Random(seed * 31 + s.number());
        List<String[]> out = new ArrayList<>(s.sections());
        for (int i = 0; i < s.sections(); i++) {
            String heading = capitalise(word(r)) + " " + word(r) + " " + (i + 1);
            var p = new StringBuilder();
            int sentences = 3 + r.nextInt(6);
            for (int k = 0; k < sentences; k++) {
                int words = 8 + r.nextInt(14);
                p.append(capitalise(word(r)));
                for (int w = 1; w < words; w++) p.append(' ').append(word(r));
                p.append(". ");
            }
            if (i == edited) p.append("This paragraph was revised: the figures for the " + word(new Random(i)) + " changed.");
            out.add(new String[] {heading, p.toString().trim()});
        }
        return out;
    }

    private static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    private static String capitalise(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** Writes the document to {@code file}, with section {@code edited} rewritten (-1: none). */
    void write(Spec s, Path file, int edited) throws IOException {
        List<String[]> sections = sections(s, edited);
        String title = "Document " + s.number();
        switch (s.format()) {
            case "txt" -> {
                var sb = new StringBuilder(title).append("\n\n");
                for (String[] sec : sections) sb.append(sec[0]).append("\n\n").append(sec[1]).append("\n\n");
                Files.writeString(file, sb);
            }
            case "md" -> {
                var sb = new StringBuilder("# ").append(title).append("\n\n");
                for (String[] sec : sections) sb.append("## ").append(sec[0]).append("\n\n").append(sec[1]).append("\n\n");
                Files.writeString(file, sb);
            }
            case "html" -> {
                var sb = new StringBuilder("<!DOCTYPE html><html><head><title>").append(title).append("</title></head><body>\n");
                sb.append("<h1>").append(title).append("</h1>\n");
                for (String[] sec : sections) sb.append("<h2>").append(sec[0]).append("</h2>\n<p>").append(sec[1]).append("</p>\n");
                Files.writeString(file, sb.append("</body></html>\n"));
            }
            case "docx" -> writeDocx(file, title, sections);
            case "pdf" -> writePdf(file, title, sections);
            default -> throw new IllegalArgumentException(s.format());
        }
    }

    private static void writeDocx(Path file, String title, List<String[]> sections) throws IOException {
        try (var doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            doc.getProperties().getCoreProperties().setTitle(title);
            for (String[] sec : sections) {
                var h = doc.createParagraph();
                h.setStyle("Heading2");
                h.createRun().setText(sec[0]);
                doc.createParagraph().createRun().setText(sec[1]);
            }
            doc.write(out);
        }
    }

    /** A PDF with a text layer, about 40 lines a page, wrapped at 90 characters. */
    private static void writePdf(Path file, String title, List<String[]> sections) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String[] sec : sections) {
            lines.add(sec[0]);
            lines.addAll(wrap(sec[1], 90));
            lines.add("");
        }
        try (var doc = new PDDocument()) {
            doc.getDocumentInformation().setTitle(title);
            var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int start = 0; start < lines.size(); start += 40) {
                var page = new PDPage();
                doc.addPage(page);
                try (var cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 10);
                    cs.setLeading(14);
                    cs.newLineAtOffset(60, 740);
                    for (String line : lines.subList(start, Math.min(lines.size(), start + 40))) {
                        cs.showText(line);
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            doc.save(file.toFile());
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        var line = new StringBuilder();
        for (String w : text.split(" ")) {
            if (line.length() + w.length() + 1 > width && !line.isEmpty()) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) line.append(' ');
            line.append(w);
        }
        if (!line.isEmpty()) out.add(line.toString());
        return out;
    }
}
