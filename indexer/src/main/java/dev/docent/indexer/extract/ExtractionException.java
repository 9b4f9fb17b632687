package dev.docent.indexer.extract;

/** A file could not be turned into text; the message says why in words a user can act on. */
public final class ExtractionException extends Exception {

    public ExtractionException(String message) {
        super(message);
    }

    public ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
