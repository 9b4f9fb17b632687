package dev.docent.web.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a JSON request body, refusing other content types and noticing a client that gave up. */
final class RequestBody {

    private static final Logger log = LoggerFactory.getLogger(RequestBody.class);

    private RequestBody() {}

    /**
     * The body of a request that must say {@code Content-Type: application/json} (415 otherwise).
     * A client that closes the connection mid-upload gets a 400 (if it is still there to read it)
     * and costs one debug line, not an error log with a stack trace.
     */
    static String json(Context ctx) {
        String type = ctx.contentType();
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ApiException(415, "send the request body as JSON with the header Content-Type: application/json"
                    + (type == null ? "" : " (got " + type + ")"));
        }
        try {
            return ctx.body();
        } catch (Exception e) { // Kotlin's ctx.body() throws Jetty's IOExceptions undeclared
            // Jetty's own verdicts on the upload: 408 for a body arriving below the minimum rate,
            // 400 for a client that closed the connection before its body was complete.
            if (e instanceof HttpException http) {
                log.debug("Request body of {} {} refused: {}", ctx.method(), ctx.path(), e.toString());
                throw new ApiException(http.getCode(), "the request body was not received in full: " + http.getReason());
            }
            if (!causedByIo(e)) throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            log.debug("Request body of {} {} not received in full: {}", ctx.method(), ctx.path(), e.toString());
            throw new ApiException(400, "the request body was not received in full (the client stopped sending)");
        }
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) return true;
        }
        return false;
    }
}
