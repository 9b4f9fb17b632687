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

    /**
     * Cuts the central directory off a zip (the index at its end that most readers start from):
     * what is left are the entries behind their local headers, as a download broken off near its
     * end leaves them.
     */
    public static void cutCentralDirectory(Path zip) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        int end = endOfCentralDirectory(bytes);
        try (var f = new java.io.RandomAccessFile(zip.toFile(), "rw")) {
            f.setLength(u32(bytes, end + 16)); // where the central directory starts
        }
    }

    /**
     * Leaves {@code entryName} out of the zip's central directory, its data and local header
     * staying where they are: a reader going by the directory does not see it, one going through
     * the local headers does.
     */
    public static void leaveOutOfCentralDirectory(Path zip, String entryName) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        int end = endOfCentralDirectory(bytes);
        int start = (int) u32(bytes, end + 16);
        var directory = new java.io.ByteArrayOutputStream();
        int kept = 0;
        for (int at = start; at < end; ) {
            int length = 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
            String name = new String(bytes, at + 46, u16(bytes, at + 28), StandardCharsets.UTF_8);
            if (!name.equals(entryName)) {
                directory.write(bytes, at, length);
                kept++;
            }
            at += length;
        }
        if (kept == u16(bytes, end + 10)) throw new IllegalArgumentException("no entry " + entryName + " in " + zip);
        byte[] eocd = java.util.Arrays.copyOfRange(bytes, end, bytes.length);
        putU16(eocd, 8, kept);
        putU16(eocd, 10, kept);
        putU32(eocd, 12, directory.size());
        try (OutputStream out = Files.newOutputStream(zip)) {
            out.write(bytes, 0, start);
            directory.writeTo(out);
            out.write(eocd);
        }
    }

    private static int endOfCentralDirectory(byte[] b) {
        for (int i = b.length - 22; i >= 0; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) return i;
        }
        throw new IllegalArgumentException("not a zip");
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16);
    }

    private static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    private static void putU32(byte[] b, int at, long v) {
        putU16(b, at, (int) (v & 0xffff));
        putU16(b, at + 2, (int) (v >>> 16));
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

    /** Head, then the unit repeated until {@code mb} megabytes (0: not at all), then the tail. */
    private static void repeat(OutputStream out, String head, String unit, String tail, int mb) throws IOException {
        out.write(head.getBytes(StandardCharsets.UTF_8));
        byte[] block = unit.repeat(Math.max(1, (1 << 20) / unit.length())).getBytes(StandardCharsets.UTF_8);
        if (mb == 0) out.write(unit.getBytes(StandardCharsets.UTF_8)); // one paragraph: a small, ordinary file
        for (long written = 0; written < (long) mb << 20; written += block.length) out.write(block);
        out.write(tail.getBytes(StandardCharsets.UTF_8));
    }
}
