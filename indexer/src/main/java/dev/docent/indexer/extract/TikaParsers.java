package dev.docent.indexer.extract;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.TikaException;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.SAXException;

/**
 * Tika set up explicitly: which parsers run (tika-config.xml beside this class: none that starts
 * another program on the file) and how (no OCR). Zip bombs are refused before Tika sees them
 * ({@link ZipGuard}).
 */
final class TikaParsers {

    private TikaParsers() {}

    /** Docent's configuration (tika-config.xml), read once: parsers and per-call contexts use it. */
    private static final class Config {
        static final TikaConfig INSTANCE = read();

        private static TikaConfig read() {
            try (InputStream config = TikaParsers.class.getResourceAsStream("tika-config.xml")) {
                return new TikaConfig(config);
            } catch (IOException | TikaException | SAXException e) {
                throw new IllegalStateException("Docent's tika-config.xml cannot be read", e);
            }
        }
    }

    /** The parser, without OCR. OCR hook: a later setting would load a config that keeps Tesseract. */
    static AutoDetectParser create() {
        return new AutoDetectParser(Config.INSTANCE);
    }

    /** Per-call settings: embedded files parsed with the same parser and configuration, no OCR. */
    static ParseContext context(Parser parser) {
        var context = new ParseContext();
        // Parsers of containers (e-mail, archives) look up the configuration for their attachments'
        // detector; without one here Tika builds its default configuration, whose external parsers
        // run ffmpeg, exiftool and sox from the PATH to see whether they are installed.
        context.set(TikaConfig.class, Config.INSTANCE);
        // Recurse into attachments and embedded files: their text is searchable with the container.
        context.set(Parser.class, parser);
        var pdf = new PDFParserConfig();
        pdf.setExtractInlineImages(false);
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR); // OCR hook: AUTO once OCR is enabled
        context.set(PDFParserConfig.class, pdf);
        return context;
    }
}
