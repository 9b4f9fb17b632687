package dev.docent.indexer.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small, valid office files whose text part unpacks to {@code unpackedMb} megabytes of
 * repeated paragraphs (deflate packs them ~1000:1): the zip bombs of the audit. Also a main, to
 * measure one in its own JVM: {@code ZipBombs FILE.docx|.xlsx|.odt UNPACKED_MB}.
 */
public final class ZipBombs {

    private static final String PARAGRAPH = "The orchard ledger repeats this sentence to fill the page. ";

    private ZipBombs() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        write(file, Integer.parseInt(args[1]));
        System.out.printf("wrote %s: %.2f MB%n", file, Files.size(file) / 1e6);
        long t0 = System.nanoTime();
        String outcome;
        try {
            outcome = "extracted " + new TextExtractor().extract(file).characterCount() + " characters";
        } catch (ExtractionException e) {
            outcome = "failed: " + e.getMessage();
        }
        System.out.printf("%s in %.1f s%n", outcome, (System.nanoTime() - t0) / 1e9);
    }

    /** Writes a .docx, .xlsx or .odt (by the file's extension). */
    public static void write(Path file, int unpackedMb) throws IOException {
        String name = file.getFileName().toString();
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            if (name.endsWith(".docx")) docx(zip, unpackedMb);
            else if (name.endsWith(".xlsx")) xlsx(zip, unpackedMb);
            else if (name.endsWith(".odt")) odt(zip, unpackedMb);
            else throw new IllegalArgumentException("docx, xlsx or odt: " + name);
        }
    }

    private static void docx(ZipOutputStream zip, int mb) throws IOException {
        entry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                </Types>""");
        entry(zip, "_rels/.rels", rels("officeDocument", "word/document.xml"));
        zip.putNextEntry(new ZipEntry("word/document.xml"));
        repeat(zip, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
                "<w:p><w:r><w:t>" + PARAGRAPH + "</w:t></w:r></w:p>", "</w:body></w:document>", mb);
    }

    private static void xlsx(ZipOutputStream zip, int mb) throws IOException {
        entry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                </Types>""");
        entry(zip, "_rels/.rels", rels("officeDocument", "xl/workbook.xml"));
        entry(zip, "xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        entry(zip, "xl/_rels/workbook.xml.rels", rels("worksheet", "worksheets/sheet1.xml"));
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
        repeat(zip, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
                "<row><c t=\"inlineStr\"><is><t>" + PARAGRAPH + "</t></is></c></row>", "</sheetData></worksheet>", mb);
    }

    private static void odt(ZipOutputStream zip, int mb) throws IOException {
        var mimetype = new ZipEntry("mimetype");
        byte[] type = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
        mimetype.setMethod(ZipEntry.STORED);
        mimetype.setSize(type.length);
        var crc = new java.util.zip.CRC32();
        crc.update(type);
        mimetype.setCrc(crc.getValue());
        zip.putNextEntry(mimetype);
        zip.write(type);
        entry(zip, "META-INF/manifest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
                <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>""");
        zip.putNextEntry(new ZipEntry("content.xml"));
        repeat(zip, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>",
                "<text:p>" + PARAGRAPH + "</text:p>", "</office:text></office:body></office:document-content>", mb);
    }

    private static String rels(String type, String target) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + type
                + "\" Target=\"" + target + "\"/></Relationships>";
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Head, then the unit repeated until {@code mb} megabytes, then the tail. */
    private static void repeat(OutputStream out, String head, String unit, String tail, int mb) throws IOException {
        out.write(head.getBytes(StandardCharsets.UTF_8));
        byte[] block = unit.repeat(Math.max(1, (1 << 20) / unit.length())).getBytes(StandardCharsets.UTF_8);
        for (long written = 0; written < (long) mb << 20; written += block.length) out.write(block);
        out.write(tail.getBytes(StandardCharsets.UTF_8));
    }
}
