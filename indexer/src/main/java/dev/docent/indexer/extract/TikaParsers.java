package dev.docent.indexer.extract;

import java.io.IOException;
import java.io.InputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.TikaException;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.SAXException;

/**
 * Tika set up explicitly: which parsers run (tika-config.xml beside this class: none that starts
 * another program), and the limits that keep a hostile file from building a huge document in
 * memory before any character reaches {@link BlockCollector}'s budget.
 */
final class TikaParsers {

    /**
     * POI refuses a part of an OOXML file that inflates more than 1/this times its packed size
     * (POI's own default). Beyond {@link #MAX_PART_BYTES} a part is refused whatever its ratio:
     * .docx and .pptx parts are read into POI's document model (about 6 bytes of memory per byte
     * of XML) before any text comes out. (Tika's streaming .docx reader would avoid that, but it
     * renders lists, tables and comments differently.) Streamed parts (.xlsx sheets, .odt) stop
     * at the character budget long before this size.
     */
    static final double MIN_INFLATE_RATIO = 0.01;
    static final long MAX_PART_BYTES = 128L * 1024 * 1024;

    private TikaParsers() {}

    /** The parser, without OCR. OCR hook: a later setting would load a config that keeps Tesseract. */
    static AutoDetectParser create() {
        AutoDetectParser parser;
        try (InputStream config = TikaParsers.class.getResourceAsStream("tika-config.xml")) {
            parser = new AutoDetectParser(new TikaConfig(config));
        } catch (IOException | TikaException | SAXException e) {
            throw new IllegalStateException("Docent's tika-config.xml cannot be read", e);
        }
        // Tika's OOXMLParser turns POI's inflate-ratio check off when its class loads (it relies
        // on its own output/input check, which only runs once the document is built: a 1 MB .docx
        // that unpacks to 1 GB took 6.4 GB of memory). Put the check back, after that class load.
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
        return parser;
    }

    /** Per-call settings: embedded files parsed with the same parser, no OCR. */
    static ParseContext context(Parser parser) {
        var context = new ParseContext();
        // Recurse into attachments and embedded files: their text is searchable with the container.
        context.set(Parser.class, parser);
        var pdf = new PDFParserConfig();
        pdf.setExtractInlineImages(false);
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR); // OCR hook: AUTO once OCR is enabled
        context.set(PDFParserConfig.class, pdf);
        return context;
    }
}
