package dev.docent.indexer.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes ODT and EPUB, both zip packages whose first entry must be an uncompressed
 * {@code mimetype}. Small enough to write by hand; no library needed.
 */
final class ZipFormatsWriter {

    private static final long FIXED_TIME = 1_768_435_200_000L; // 2026-01-15, for reproducible files

    private ZipFormatsWriter() {}

    static void odt(SourceDocument src, Path out) throws IOException {
        StringBuilder body = new StringBuilder();
        for (List<SourceDocument.Element> page : src.pages()) {
            for (SourceDocument.Element e : page) {
                if (e.kind() == SourceDocument.Kind.HEADING) {
                    body.append("<text:h text:outline-level=\"1\">").append(xml(e.text())).append("</text:h>\n");
                } else {
                    body.append("<text:p>").append(xml(e.text())).append("</text:p>\n");
                }
            }
        }
        String content = """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                <office:body><office:text>
                %s</office:text></office:body></office:document-content>
                """.formatted(body);
        String meta = """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                  xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">
                <office:meta><dc:title>%s</dc:title></office:meta></office:document-meta>
                """.formatted(xml(src.title()));
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            stored(zip, "mimetype", "application/vnd.oasis.opendocument.text");
            deflated(zip, "META-INF/manifest.xml", manifest);
            deflated(zip, "meta.xml", meta);
            deflated(zip, "content.xml", content);
        }
    }

    static void epub(SourceDocument src, Path out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            stored(zip, "mimetype", "application/epub+zip");
            deflated(zip, "META-INF/container.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                      <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
                    </container>
                    """);
            StringBuilder manifest = new StringBuilder();
            StringBuilder spine = new StringBuilder();
            StringBuilder nav = new StringBuilder();
            int n = 0;
            for (List<SourceDocument.Element> chapter : src.pages()) {
                n++;
                String id = "chapter" + n;
                StringBuilder html = new StringBuilder();
                String heading = id;
                for (SourceDocument.Element e : chapter) {
                    if (e.kind() == SourceDocument.Kind.HEADING) {
                        heading = e.text();
                        html.append("<h1>").append(xml(e.text())).append("</h1>\n");
                    } else {
                        html.append("<p>").append(xml(e.text())).append("</p>\n");
                    }
                }
                deflated(zip, "OEBPS/" + id + ".xhtml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>%s</title></head><body>
                        %s</body></html>
                        """.formatted(xml(heading), html));
                manifest.append("<item id=\"%s\" href=\"%s.xhtml\" media-type=\"application/xhtml+xml\"/>\n".formatted(id, id));
                spine.append("<itemref idref=\"%s\"/>\n".formatted(id));
                nav.append("<navPoint id=\"%s\" playOrder=\"%d\"><navLabel><text>%s</text></navLabel><content src=\"%s.xhtml\"/></navPoint>\n"
                        .formatted(id, n, xml(heading), id));
            }
            deflated(zip, "OEBPS/content.opf", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="bookid">
                      <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                        <dc:title>%s</dc:title><dc:creator>Brambleworth Robotics</dc:creator>
                        <dc:identifier id="bookid">brambleworth-history</dc:identifier><dc:language>en</dc:language>
                      </metadata>
                      <manifest><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
                    %s</manifest>
                      <spine toc="ncx">
                    %s</spine>
                    </package>
                    """.formatted(xml(src.title()), manifest, spine));
            deflated(zip, "OEBPS/toc.ncx", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
                      <head><meta name="dtb:uid" content="brambleworth-history"/></head>
                      <docTitle><text>%s</text></docTitle>
                      <navMap>
                    %s</navMap>
                    </ncx>
                    """.formatted(xml(src.title()), nav));
        }
    }

    private static void stored(ZipOutputStream zip, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        e.setTime(FIXED_TIME);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void deflated(ZipOutputStream zip, String name, String text) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(FIXED_TIME);
        zip.putNextEntry(e);
        OutputStream os = zip;
        os.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
