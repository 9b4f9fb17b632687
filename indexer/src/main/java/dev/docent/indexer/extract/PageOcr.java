package dev.docent.indexer.extract;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the text of a page image with Tika's Tesseract support. Used ONLY for PDF pages without a
 * text layer (Docent's Tika parser set still excludes Tesseract everywhere else): the page is
 * rendered by PDFBox and the picture, not the untrusted file, goes to {@code tesseract}.
 */
public final class PageOcr {

    private static final Logger log = LoggerFactory.getLogger(PageOcr.class);

    private final TesseractOCRParser parser;
    private final int timeoutSeconds;

    private PageOcr(TesseractOCRParser parser, int timeoutSeconds) {
        this.parser = parser;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * The OCR to use for setting {@code indexing.ocr}: {@code off} gives none; {@code auto} (the
     * default) gives OCR when {@code tesseract} is on the PATH, none otherwise. Each call to
     * tesseract is bounded by {@code timePerFile}.
     */
    public static PageOcr fromSetting(String setting, Duration timePerFile) {
        String mode = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        if (mode.equals("off")) return null;
        if (!mode.equals("auto")) {
            throw new IllegalArgumentException("indexing.ocr must be auto or off, not '" + setting + "'");
        }
        if (!tesseractOnPath()) {
            log.info("OCR is off: tesseract is not installed (Debian: apt-get install tesseract-ocr); "
                    + "scanned PDF pages are reported as needing OCR");
            return null;
        }
        try {
            var parser = new TesseractOCRParser();
            parser.initialize(Map.of());
            if (!parser.hasTesseract()) return null;
            return new PageOcr(parser, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timePerFile.toSeconds())));
        } catch (Exception e) {
            log.warn("OCR is off: Tika cannot run tesseract ({})", e.toString());
            return null;
        }
    }

    /** Whether an executable {@code tesseract} is on the PATH. */
    public static boolean tesseractOnPath() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, "tesseract").canExecute()) return true;
        }
        return false;
    }

    /** The page's text as paragraphs (blank-line separated in tesseract's output). */
    List<Block> read(BufferedImage page) throws Exception {
        var handler = new BodyContentHandler(-1);
        var context = new ParseContext();
        var config = new TesseractOCRConfig();
        config.setTimeoutSeconds(timeoutSeconds);
        context.set(TesseractOCRConfig.class, config);
        // Tika's parse(Image, ...) writes a blank picture of the same size (3.3.1), so the page goes
        // to tesseract as a PNG file of our own.
        Path png = Files.createTempFile("docent-ocr-", ".png");
        try {
            ImageIO.write(page, "png", png.toFile());
            var metadata = new Metadata();
            metadata.set(Metadata.CONTENT_TYPE, "image/png");
            try (TikaInputStream in = TikaInputStream.get(png)) {
                parser.parse(in, handler, metadata, context);
            }
        } finally {
            Files.deleteIfExists(png);
        }
        List<Block> blocks = new ArrayList<>();
        for (String para : handler.toString().split("\\n\\s*\\n")) {
            String text = BlockCollector.normalise(para.replaceAll("-\\n(?=\\p{Ll})", "").replace('\n', ' '));
            if (!text.isBlank()) blocks.add(new Block(text, false));
        }
        return blocks;
    }
}
