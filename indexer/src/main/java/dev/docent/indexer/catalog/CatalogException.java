package dev.docent.indexer.catalog;

/** The catalog database failed; unchecked because callers cannot do better than report it. */
public final class CatalogException extends RuntimeException {

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    public CatalogException(Throwable cause) {
        super("Catalog database error: " + cause.getMessage(), cause);
    }
}
