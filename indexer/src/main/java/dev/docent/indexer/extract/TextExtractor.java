package dev.docent.indexer.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.UnsupportedFormatException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.SAXException;

/**
 * Extracts text from any file Tika understands. Thread-safe: the parser is shared, every call has
 * its own handler and context. The first call pays Tika's start-up (~1 s).
 */
public final class TextExtractor {

    /** Beyond this many characters a document is cut (and the cut is logged), to bound memory. */
    public static final int DEFAULT_MAX_CHARACTERS = 20_000_000;

    private final AutoDetectParser parser = new AutoDetectParser();
    private final int maxCharacters;

    public TextExtractor() {
        this(DEFAULT_MAX_CHARACTERS);
    }

    public TextExtractor(int maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    /**
     * Extracts {@code file}. Throws {@link ExtractionException} when the file is empty, encrypted,
     * corrupt, of an unsupported type, or has no text (e.g. a scan without an OCR layer).
     */
    public ExtractedDocument extract(Path file) throws ExtractionException {
        if (looksLikePdf(file)) {
            ExtractedDocument pdf = extractPdf(file);
            if (pdf != null) return pdf;
            // PDFBox found no text or could not open it: Tika reads embedded files (portfolios)
            // and turns the failure into a precise reason.
        }
        return extractWithTika(file);
    }

    private static boolean looksLikePdf(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(1024);
            return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).contains("%PDF-");
        } catch (IOException e) {
            return false;
        }
    }

    /** PDFBox page-by-page extraction with layout cues, or null to let Tika try. */
    private ExtractedDocument extractPdf(Path file) {
        try {
            var pdf = PdfPageExtractor.extract(file, maxCharacters);
            var result = new ExtractedDocument(cleanTitle(pdf.title(), file), "application/pdf", true, pdf.pages());
            return result.characterCount() == 0 ? null : result;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private ExtractedDocument extractWithTika(Path file) throws ExtractionException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
        String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        var handler = new BlockCollector(maxCharacters, lower.endsWith(".md") || lower.endsWith(".markdown"));
        try {
            if (Files.size(file) == 0) {
                throw new ExtractionException("empty file (0 bytes)");
            }
            try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
                parser.parse(in, handler, metadata, context());
            }
        } catch (ZeroByteFileException e) {
            throw new ExtractionException("empty file (0 bytes)", e);
        } catch (EncryptedDocumentException e) {
            throw new ExtractionException("encrypted: the file is password-protected; save an unprotected copy to index it", e);
        } catch (UnsupportedFormatException e) {
            throw new ExtractionException("unsupported format: " + firstLine(e), e);
        } catch (TikaException e) {
            throw new ExtractionException(describeTikaFailure(e, metadata), e);
        } catch (SAXException e) {
            throw new ExtractionException("unreadable content: " + firstLine(e), e);
        } catch (IOException e) {
            throw new ExtractionException("cannot read file: " + firstLine(e), e);
        } catch (RuntimeException | LinkageError e) {
            // Parsers of broken files throw all sorts; the walk must go on.
            throw new ExtractionException("parser crashed on this file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e)) + ")", e);
        }
        List<Page> pages = handler.pages();
        String contentType = metadata.get(Metadata.CONTENT_TYPE);
        rejectDisguisedText(file, contentType);
        var doc = new ExtractedDocument(title(metadata, file), contentType, handler.paged(), pages);
        if (doc.characterCount() == 0) {
            throw new ExtractionException(noTextReason(contentType));
        }
        return doc;
    }

    /** Extensions of binary formats: if such a file parses as plain text, it is damaged. */
    private static final java.util.Set<String> BINARY_EXTENSIONS = java.util.Set.of(
            "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "doc", "xls", "ppt", "msg", "zip");

    private static void rejectDisguisedText(Path file, String contentType) throws ExtractionException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        if (BINARY_EXTENSIONS.contains(ext) && contentType != null && contentType.startsWith("text/")) {
            throw new ExtractionException("corrupt: this ." + ext + " file holds plain text, not a ." + ext
                    + " document (damaged or misnamed)");
        }
    }

    private ParseContext context() {
        var context = new ParseContext();
        // Recurse into attachments and embedded files: their text is searchable with the container.
        context.set(Parser.class, parser);
        var pdf = new PDFParserConfig();
        pdf.setExtractInlineImages(false);
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        context.set(PDFParserConfig.class, pdf);
        return context;
    }

    private static String title(Metadata metadata, Path file) {
        return cleanTitle(metadata.get(TikaCoreProperties.TITLE), file);
    }

    private static String cleanTitle(String t, Path file) {
        if (t == null || t.isBlank() || t.startsWith("Microsoft Word - ")) {
            return file.getFileName().toString();
        }
        return BlockCollector.normalise(t);
    }

    private static String noTextReason(String contentType) {
        if (contentType != null && contentType.startsWith("application/pdf")) {
            return "no extractable text: the PDF has no text layer (a scan?); OCR it first, e.g. with ocrmypdf";
        }
        if (contentType != null && contentType.startsWith("image/")) {
            return "no extractable text: " + contentType + " is an image";
        }
        return "no extractable text" + (contentType == null ? "" : " (" + contentType + ")");
    }

    private static String describeTikaFailure(TikaException e, Metadata metadata) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException
                    || root.getClass().getSimpleName().contains("Encrypted")) {
                return "encrypted: the file is password-protected; save an unprotected copy to index it";
            }
        }
        String type = metadata.get(Metadata.CONTENT_TYPE);
        return "corrupt or unreadable" + (type == null ? "" : " " + type) + ": " + firstLine(root);
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
