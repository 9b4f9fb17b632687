package dev.docent.web.documents;

import dev.docent.indexer.DocumentRecord;
import dev.docent.indexer.DocumentStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A status to list documents by; {@link #NEEDS_OCR} cuts across statuses. */
public enum DocumentFilter {
    ALL,
    INDEXED,
    PENDING,
    FAILED,
    /**
     * Scanned PDF pages without a text layer that no OCR has read: a failed scan ("needs OCR: no
     * text layer...", or "no text layer (a scan?)" when Tika read it) or an indexed document with
     * scanned pages left out ("2 scanned pages need OCR ..."). The indexer says so in these words
     * (TextExtractor, ExtractionFailures, ExtractedDocument.ocrNote); DocumentsRouteTest indexes a
     * real image-only PDF so a change of wording breaks a test, not the filter silently.
     */
    NEEDS_OCR;

    private static final Pattern OCR_WANTED = Pattern.compile("\\bneeds? OCR\\b|no text layer");

    /** The name on the wire: {@code all}, {@code indexed}, {@code pending}, {@code failed}, {@code needs_ocr}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The filter named {@code name} (null or blank: {@link #ALL}); an unknown name says which exist. */
    public static DocumentFilter parse(String name) {
        if (name == null || name.isBlank()) return ALL;
        for (DocumentFilter f : values()) {
            if (f.wireName().equals(name.strip().toLowerCase(Locale.ROOT))) return f;
        }
        throw new IllegalArgumentException("status must be one of " + names() + "; got " + name);
    }

    /** The wire names, comma-separated, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(DocumentFilter::wireName).collect(Collectors.joining(", "));
    }

    public boolean test(DocumentRecord r) {
        return switch (this) {
            case ALL -> true;
            case INDEXED -> r.status() == DocumentStatus.INDEXED;
            case PENDING -> r.status() == DocumentStatus.PENDING;
            case FAILED -> r.status() == DocumentStatus.FAILED;
            case NEEDS_OCR -> needsOcr(r);
        };
    }

    static boolean needsOcr(DocumentRecord r) {
        return (r.error() != null && OCR_WANTED.matcher(r.error()).find())
                || (r.note() != null && OCR_WANTED.matcher(r.note()).find());
    }
}
