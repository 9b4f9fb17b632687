package dev.docent.indexer;

import java.time.Duration;

/**
 * Bounds on reading one file, so no file can hold up the others.
 *
 * @param timePerFile reading, extracting and chunking one file longer than this fails it
 *     (setting {@code indexing.max_seconds_per_file})
 * @param maxFileBytes larger files are refused before they are read, even for a hash
 *     (setting {@code indexing.max_file_mb})
 * @param ocr {@code auto} (OCR scanned PDF pages when tesseract is on the PATH) or {@code off}
 *     (setting {@code indexing.ocr})
 * @param chunkTokens the chunker's token budget (setting {@code indexing.chunk_tokens}); part of
 *     the index's recipe, so changing it builds a new index generation
 * @param ocrLanguages the languages tesseract reads, as its {@code -l} takes them, e.g.
 *     {@code eng+deu} (setting {@code indexing.ocr_languages})
 */
public record IndexingLimits(Duration timePerFile, long maxFileBytes, String ocr, int chunkTokens, String ocrLanguages) {

    public static final String DEFAULT_OCR = "auto";
    public static final String DEFAULT_OCR_LANGUAGES = "eng";

    /** With OCR on when tesseract is installed. */
    public IndexingLimits(Duration timePerFile, long maxFileBytes) {
        this(timePerFile, maxFileBytes, DEFAULT_OCR);
    }

    /** With the default chunking. */
    public IndexingLimits(Duration timePerFile, long maxFileBytes, String ocr) {
        this(timePerFile, maxFileBytes, ocr, dev.docent.indexer.chunk.Chunker.DEFAULT_MAX_TOKENS, DEFAULT_OCR_LANGUAGES);
    }

    /** These limits with the OCR setting {@code mode}. */
    public IndexingLimits withOcr(String mode) {
        return new IndexingLimits(timePerFile, maxFileBytes, mode, chunkTokens, ocrLanguages);
    }

    /** These limits with OCR reading {@code languages} (tesseract's {@code -l}, e.g. {@code eng+deu}). */
    public IndexingLimits withOcrLanguages(String languages) {
        return new IndexingLimits(timePerFile, maxFileBytes, ocr, chunkTokens, languages);
    }

    /** These limits with chunks of at most {@code tokens} tokens. */
    public IndexingLimits withChunkTokens(int tokens) {
        return new IndexingLimits(timePerFile, maxFileBytes, ocr, tokens, ocrLanguages);
    }

    public static final int DEFAULT_SECONDS_PER_FILE = 120;
    public static final int DEFAULT_MAX_FILE_MB = 200;

    public IndexingLimits {
        if (timePerFile.isNegative() || timePerFile.isZero()) throw new IllegalArgumentException("time per file must be positive");
        if (maxFileBytes <= 0) throw new IllegalArgumentException("max file size must be positive");
        if (chunkTokens < 8) throw new IllegalArgumentException("chunk size must be at least 8 tokens, got " + chunkTokens);
    }

    public static IndexingLimits defaults() {
        return of(DEFAULT_SECONDS_PER_FILE, DEFAULT_MAX_FILE_MB);
    }

    public static IndexingLimits of(int secondsPerFile, int maxFileMb) {
        return new IndexingLimits(Duration.ofSeconds(secondsPerFile), (long) maxFileMb * 1024 * 1024);
    }
}
