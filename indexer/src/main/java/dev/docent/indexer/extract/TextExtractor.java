package dev.docent.indexer.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts text from any file Tika understands. Thread-safe: the parser is shared, every call has
 * its own handler and context. The first call pays Tika's start-up (~1 s). Errors other than
 * {@link Exception}s ({@link StackOverflowError}, {@link OutOfMemoryError}) pass through: the
 * caller runs extraction on a thread of its own and turns them into a failure.
 */
public final class TextExtractor {

    private static final Logger log = LoggerFactory.getLogger(TextExtractor.class);

    /** Beyond this many characters a document is cut (and the cut is logged), to bound memory. */
    public static final int DEFAULT_MAX_CHARACTERS = 20_000_000;

    /**
     * Built at the first file Tika reads, not before: building Tika's parser registry costs about
     * a second of start-up, and a sync of unchanged folders (or {@code ask}) never needs it.
     */
    private volatile AutoDetectParser parser;
    private final int maxCharacters;
    /** OCR for scanned PDF pages, or null when OCR is off or tesseract is missing. */
    private final PageOcr ocr;

    public TextExtractor() {
        this(DEFAULT_MAX_CHARACTERS);
    }

    public TextExtractor(int maxCharacters) {
        this(maxCharacters, null);
    }

    /** With OCR of scanned PDF pages ({@code ocr} null: such pages are reported as needing OCR). */
    public TextExtractor(int maxCharacters, PageOcr ocr) {
        this.maxCharacters = maxCharacters;
        this.ocr = ocr;
    }

    /** The parser Tika runs (for tests that check which parsers it holds). */
    AutoDetectParser parser() {
        AutoDetectParser p = parser;
        if (p == null) {
            synchronized (this) {
                p = parser;
                if (p == null) parser = p = TikaParsers.create();
            }
        }
        return p;
    }

    /**
     * Extracts {@code file}. Throws {@link ExtractionException} when the file is empty, encrypted,
     * corrupt, of an unsupported type, binary junk, or has no text (e.g. a scan without OCR layer).
     */
    public ExtractedDocument extract(Path file) throws ExtractionException {
        if (looksLikePdf(file)) {
            ExtractedDocument pdf = extractPdf(file);
            if (pdf != null) return pdf;
            if (Thread.currentThread().isInterrupted()) throw ExtractionException.retryable("extraction was stopped", null);
            // PDFBox could not open it, or found no text in a PDF with form fields or attachments
            // (portfolios), or a short one: Tika reads those and turns a failure into a precise reason.
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
    private ExtractedDocument extractPdf(Path file) throws ExtractionException {
        try {
            var pdf = PdfPageExtractor.extract(file, maxCharacters, ocr);
            var result = new ExtractedDocument(cleanTitle(pdf.title(), file), "application/pdf", true, pdf.pages(),
                    pdf.ocrPages(), pdf.pagesNeedingOcr(), pdf.author(), pdf.created(), DocumentLanguage.of(pdf.pages()));
            if (result.characterCount() == 0 && pdf.pagesNeedingOcr() > 0) {
                throw new ExtractionException(ocr == null
                        ? "needs OCR: no text layer on its " + pdf.pagesNeedingOcr() + " scanned page(s); install"
                                + " tesseract-ocr (setting indexing.ocr = auto) or OCR it first, e.g. with ocrmypdf"
                        : "no extractable text: OCR found no words on its " + pdf.pagesNeedingOcr() + " scanned page(s)");
            }
            if (result.characterCount() == 0 && !pdf.tikaMayFindMore()) {
                throw new ExtractionException(ExtractionFailures.noTextReason("application/pdf"));
            }
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
            ZipGuard.check(file);
            try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
                AutoDetectParser tika = parser();
                tika.parse(in, handler, metadata, TikaParsers.context(tika));
            }
        } catch (ExtractionException e) {
            throw e;
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) throw ExtractionException.retryable("extraction was stopped", e);
            if (handler.binary()) throw new ExtractionException(handler.notTextReason(file), e);
            if (!handler.truncated()) throw ExtractionFailures.describe(e, metadata);
            // The budget is spent: parsing stopped there on purpose; keep what was read.
            log.info("{}: text cut at {} characters", file.getFileName(), maxCharacters);
        }
        if (handler.binary()) throw new ExtractionException(handler.notTextReason(file));
        List<Page> pages = handler.pages();
        if (handler.truncated() && RepeatedText.looksLikeBomb(pages)) {
            throw new ExtractionException("zip bomb: more than " + maxCharacters
                    + " characters of the same text repeated over and over; refused");
        }
        String contentType = metadata.get(Metadata.CONTENT_TYPE);
        ExtractionFailures.rejectDisguisedText(file, contentType);
        if (contentType != null && contentType.startsWith("text/")) {
            // Read as text: its bytes must look like text too (random bytes decode into printable junk).
            String notText = NotTextSniffer.bytesReason(file, metadata.get(Metadata.CONTENT_ENCODING));
            if (notText != null) throw new ExtractionException(notText);
        }
        var doc = new ExtractedDocument(cleanTitle(metadata.get(TikaCoreProperties.TITLE), file), contentType,
                handler.paged(), pages, 0, 0, FileMetadata.author(metadata), FileMetadata.created(metadata),
                DocumentLanguage.of(pages));
        if (doc.characterCount() == 0) {
            throw new ExtractionException(ExtractionFailures.noTextReason(contentType));
        }
        return doc;
    }

    private static String cleanTitle(String t, Path file) {
        if (t == null || t.isBlank() || t.startsWith("Microsoft Word - ")) {
            return file.getFileName().toString();
        }
        return BlockCollector.normalise(t);
    }
}
