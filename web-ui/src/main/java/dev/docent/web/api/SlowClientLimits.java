package dev.docent.web.api;

import io.javalin.config.JavalinConfig;

/**
 * Keeps slow or stalled clients from starving the server (an audit held 260 connections open,
 * each sending one body byte every 5 s, and normal questions timed out):
 *
 * <ul>
 *   <li>Requests run on virtual threads, so a handler blocked reading a slow body parks cheaply
 *       instead of holding one of a bounded pool of platform threads; Jetty's own selector and
 *       acceptor threads stay a small fixed pool.</li>
 *   <li>A request body must arrive at {@value #MIN_UPLOAD_BYTES_PER_SECOND} bytes/s or better
 *       (a question is a few hundred bytes sent at once), else Jetty ends it with 408.</li>
 *   <li>A connection silent for {@value #IDLE_TIMEOUT_MS} ms is closed.</li>
 *   <li>Errors Jetty answers itself are JSON like every other error ({@link JsonErrorHandler}).</li>
 * </ul>
 */
final class SlowClientLimits {

    static final long MIN_UPLOAD_BYTES_PER_SECOND = 512;
    static final long IDLE_TIMEOUT_MS = 15_000;

    private SlowClientLimits() {}

    static void apply(JavalinConfig config) {
        config.concurrency.useVirtualThreads = true;
        config.jetty.modifyHttpConfiguration(http -> {
            http.setMinRequestDataRate(MIN_UPLOAD_BYTES_PER_SECOND);
            http.setIdleTimeout(IDLE_TIMEOUT_MS);
        });
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            for (var connector : server.getConnectors()) {
                if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) c.setIdleTimeout(IDLE_TIMEOUT_MS);
            }
        });
    }
}
