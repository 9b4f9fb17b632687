package dev.docent.indexer.extract;

/**
 * A file could not be turned into text; the message says why in words a user can act on.
 * {@link #retryable()} tells a passing condition of the file system (vanished, permission
 * denied, changed while read, an I/O error) from a verdict on the content (corrupt, encrypted,
 * too slow to parse), which stands until the file changes.
 */
public final class ExtractionException extends Exception {

    private final boolean retryable;

    public ExtractionException(String message) {
        this(message, null, false);
    }

    public ExtractionException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ExtractionException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** A failure that may pass without the file changing: worth another try later. */
    public static ExtractionException retryable(String message, Throwable cause) {
        return new ExtractionException(message, cause, true);
    }

    public boolean retryable() {
        return retryable;
    }
}
