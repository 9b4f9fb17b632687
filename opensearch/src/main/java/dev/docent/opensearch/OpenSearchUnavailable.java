package dev.docent.opensearch;

/**
 * No node of the cluster answered, after the retries: the index is unavailable (as opposed to a
 * request it refused). Callers above the index can tell the user so instead of failing.
 */
public class OpenSearchUnavailable extends dev.docent.retriever.IndexUnavailable {

    public OpenSearchUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
