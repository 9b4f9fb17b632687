package dev.docent.indexer.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Writes source documents as DOCX, PPTX and XLSX with Apache POI. */
final class OfficeWriter {

    private OfficeWriter() {}

    static void docx(SourceDocument src, Path out) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); OutputStream os = Files.newOutputStream(out)) {
            addHeadingStyle(doc);
            doc.getProperties().getCoreProperties().setTitle(src.title());
            doc.getProperties().getCoreProperties().setCreator("Brambleworth Robotics");
            XWPFParagraph title = doc.createParagraph();
            title.setStyle("Heading1");
            title.createRun().setText(src.title());
            for (List<SourceDocument.Element> page : src.pages()) {
                for (SourceDocument.Element e : page) {
                    XWPFParagraph p = doc.createParagraph();
                    switch (e.kind()) {
                        case HEADING -> {
                            p.setStyle("Heading2");
                            p.createRun().setText(e.text());
                        }
                        case BULLET -> p.createRun().setText("\u2022 " + e.text());
                        default -> p.createRun().setText(e.text());
                    }
                }
            }
            doc.write(os);
        }
    }

    /** Word headings are paragraphs styled "heading N"; a blank document has no such styles. */
    private static void addHeadingStyle(XWPFDocument doc) {
        var styles = doc.createStyles();
        for (int level = 1; level <= 2; level++) {
            CTStyle ct = CTStyle.Factory.newInstance();
            ct.setStyleId("Heading" + level);
            ct.setType(STStyleType.PARAGRAPH);
            ct.addNewName().setVal("heading " + level);
            ct.addNewPPr().addNewOutlineLvl().setVal(java.math.BigInteger.valueOf(level - 1));
            ct.addNewRPr().addNewB();
            styles.addStyle(new XWPFStyle(ct));
        }
    }

    static void pptx(SourceDocument src, Path out) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(); OutputStream os = Files.newOutputStream(out)) {
            show.getProperties().getCoreProperties().setTitle(src.title());
            XSLFSlideLayout layout = show.getSlideMasters().getFirst().getLayout(SlideLayout.TITLE_AND_CONTENT);
            for (List<SourceDocument.Element> page : src.pages()) {
                XSLFSlide slide = show.createSlide(layout);
                XSLFTextShape titleShape = slide.getPlaceholder(0);
                XSLFTextShape body = slide.getPlaceholder(1);
                body.clearText();
                for (SourceDocument.Element e : page) {
                    if (e.kind() == SourceDocument.Kind.HEADING) {
                        titleShape.setText(e.text());
                    } else {
                        body.addNewTextParagraph().addNewTextRun().setText(e.text());
                    }
                }
            }
            show.write(os);
        }
    }

    static void xlsx(SourceDocument src, Path out) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream os = Files.newOutputStream(out)) {
            book.getProperties().getCoreProperties().setTitle(src.title());
            XSSFSheet sheet = null;
            int row = 0;
            for (SourceDocument.Element e : src.pages().getFirst()) {
                if (e.kind() == SourceDocument.Kind.SHEET) {
                    sheet = book.createSheet(e.text());
                    row = 0;
                } else if (e.kind() == SourceDocument.Kind.ROW && sheet != null) {
                    var r = sheet.createRow(row++);
                    String[] cells = e.text().split("\t");
                    for (int c = 0; c < cells.length; c++) {
                        if (row > 1 && cells[c].matches("\\d+")) {
                            r.createCell(c).setCellValue(Long.parseLong(cells[c]));
                        } else {
                            r.createCell(c).setCellValue(cells[c]);
                        }
                    }
                }
            }
            book.write(os);
        }
    }
}
