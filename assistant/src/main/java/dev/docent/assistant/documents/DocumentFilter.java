package dev.docent.assistant.documents;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A status to list documents by; {@link #NEEDS_OCR} cuts across statuses. */
public enum DocumentFilter {
    ALL,
    INDEXED,
    PENDING,
    FAILED,
    /** Scanned PDF pages that no OCR has read ({@link DocumentRecord#needsOcr()}), indexed or failed. */
    NEEDS_OCR;

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
            case NEEDS_OCR -> r.needsOcr();
        };
    }

    /** The catalog status this filter keeps, or null for any. */
    public DocumentStatus status() {
        return switch (this) {
            case INDEXED -> DocumentStatus.INDEXED;
            case PENDING -> DocumentStatus.PENDING;
            case FAILED -> DocumentStatus.FAILED;
            case ALL, NEEDS_OCR -> null;
        };
    }
}
