package dev.docent.indexer.catalog;

import java.time.Instant;

/**
 * One file as the catalog knows it.
 *
 * @param path absolute, normalised path
 * @param size bytes at the last look
 * @param modified last-modified time at the last look
 * @param sha256 content hash (hex) of the version indexed or attempted, or null if not hashed yet
 * @param status pipeline status
 * @param error why it failed, or null
 * @param title document title once extracted, or null
 * @param pages page count (0 for unpaged formats)
 * @param chunks chunks in the index
 * @param indexedAt when it was last indexed or attempted, or null
 * @param attempts failed attempts in a row that may pass without the file changing (0 otherwise)
 * @param retryAt for such a failure (an I/O or embedding error, a file that changed while read):
 *     when a sync tries again; null for success and for failures of the content, which stand
 *     until the file changes
 * @param note what a reader of the status should know about an indexed file, e.g. that its text
 *     came from OCR or that scanned pages still need OCR; null if nothing
 * @param author who the file says wrote it, or null (see {@code ExtractedDocument.author})
 * @param created when the file says it was created, or null
 * @param language the language code of its text ({@code en}, {@code de}, {@code fr}, {@code cjk}),
 *     or null when undecided or not extracted
 */
public record DocumentRecord(
        String path,
        long size,
        Instant modified,
        String sha256,
        DocumentStatus status,
        String error,
        String title,
        int pages,
        int chunks,
        Instant indexedAt,
        int attempts,
        Instant retryAt,
        String note,
        String author,
        Instant created,
        String language) {

    /** A record without author, creation time and language. */
    public DocumentRecord(String path, long size, Instant modified, String sha256, DocumentStatus status, String error,
            String title, int pages, int chunks, Instant indexedAt, int attempts, Instant retryAt, String note) {
        this(path, size, modified, sha256, status, error, title, pages, chunks, indexedAt, attempts, retryAt, note, null,
                null, null);
    }

    /** A record without a note. */
    public DocumentRecord(String path, long size, Instant modified, String sha256, DocumentStatus status, String error,
            String title, int pages, int chunks, Instant indexedAt, int attempts, Instant retryAt) {
        this(path, size, modified, sha256, status, error, title, pages, chunks, indexedAt, attempts, retryAt, null);
    }

    /**
     * Whether scanned PDF pages of this file have no text layer and no OCR read them: a failed scan
     * ("needs OCR: no text layer ..." from TextExtractor, "... no text layer (a scan?) ..." when
     * Tika read it) or an indexed file with scanned pages left out ("2 scanned pages need OCR",
     * {@code ExtractedDocument.ocrNote}). {@code Catalog.page} asks the same in SQL.
     */
    public boolean needsOcr() {
        return (error != null && OCR_WANTED.matcher(error).find()) || (note != null && OCR_WANTED.matcher(note).find());
    }

    private static final java.util.regex.Pattern OCR_WANTED =
            java.util.regex.Pattern.compile("needs? OCR|no text layer", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** This record with {@code note} instead of its own. */
    public DocumentRecord withNote(String note) {
        return new DocumentRecord(path, size, modified, sha256, status, error, title, pages, chunks, indexedAt, attempts,
                retryAt, note, author, created, language);
    }

    /** This record with the given author, creation time and language instead of its own. */
    public DocumentRecord withMetadata(String author, Instant created, String language) {
        return new DocumentRecord(path, size, modified, sha256, status, error, title, pages, chunks, indexedAt, attempts,
                retryAt, note, author, created, language);
    }

    /** This record with the author, creation time and language of {@code other}. */
    public DocumentRecord withMetadataOf(DocumentRecord other) {
        return other == null ? this : withMetadata(other.author(), other.created(), other.language());
    }

    /**
     * The file's type: its name's extension in lower case, without the dot ({@code "pdf"}; {@code
     * "gz"} for {@code a.tar.gz}), or "" when the name has none. What {@link DocumentQuery#types}
     * matches.
     */
    public String type() {
        return typeOf(path);
    }

    /** The type ({@link #type()}) of a file at {@code path}. */
    public static String typeOf(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf(java.io.File.separatorChar));
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 && dot < path.length() - 1 ? path.substring(dot + 1).toLowerCase(java.util.Locale.ROOT)
                : "";
    }

    /** A record with no retry pending. */
    public DocumentRecord(String path, long size, Instant modified, String sha256, DocumentStatus status, String error,
            String title, int pages, int chunks, Instant indexedAt) {
        this(path, size, modified, sha256, status, error, title, pages, chunks, indexedAt, 0, null);
    }
}
