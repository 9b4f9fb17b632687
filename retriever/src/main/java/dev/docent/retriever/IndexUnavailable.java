package dev.docent.retriever;

/**
 * The index cannot be reached now (a cluster that does not answer), as opposed to a request it
 * refused: callers above the index tell the user so, and try again later, instead of failing.
 */
public class IndexUnavailable extends RuntimeException {

    public IndexUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
