package dev.docent.opensearch;

/** The cluster answered with an error status (a bad request, a missing index, a rejected write). */
public class OpenSearchFailure extends RuntimeException {

    private final int status;

    public OpenSearchFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the failure was not one answer (e.g. some items of a bulk write). */
    public int status() {
        return status;
    }
}
