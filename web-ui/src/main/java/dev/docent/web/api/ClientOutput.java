package dev.docent.web.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A response stream that remembers when the client has gone: the first failed write marks it
 * gone and throws, which is how a streamed or kept-alive answer learns to stop generating.
 */
final class ClientOutput {

    private final OutputStream out;
    private volatile boolean gone;

    ClientOutput(OutputStream out) {
        this.out = out;
    }

    /** Writes and flushes {@code bytes}; throws UncheckedIOException once the client has gone. */
    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            gone = true;
            throw new UncheckedIOException("client disconnected", e);
        }
    }

    boolean gone() {
        return gone;
    }
}
