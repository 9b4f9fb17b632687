package dev.docent.web.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Ends a long-running command on SIGTERM or Ctrl-C by closing Docent first and only then exiting.
 * Shutdown hooks alone are not enough: ONNX Runtime registers a hook of its own that frees its
 * native environment, and hooks run concurrently, so an embedding (or the model still loading in
 * the background at start) could run on a freed environment and crash the JVM with SIGSEGV (seen
 * when serve was stopped within two seconds of starting). Here the signal runs {@code close}, which
 * waits for ONNX work to end, then {@code System.exit} runs the hooks with nothing left using ORT.
 */
final class OrderlyExit {

    private static final Logger log = LoggerFactory.getLogger(OrderlyExit.class);

    private OrderlyExit() {}

    /** On TERM or INT: {@code close} once, then exit with 128 + the signal number. */
    static void onSignals(Runnable close) {
        AtomicBoolean closing = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (!closing.compareAndSet(false, true)) return;
                    // Off the signal thread: close() may take a few seconds.
                    Thread.ofPlatform().name("docent-exit").start(() -> {
                        try {
                            close.run();
                        } catch (RuntimeException e) {
                            log.warn("Closing on {} failed: {}", signal.getName(), e.toString());
                        } finally {
                            System.exit(128 + signal.getNumber());
                        }
                    });
                });
            } catch (IllegalArgumentException unavailable) {
                // This platform has no such signal (INT/TERM exist on Linux, macOS and Windows).
            }
        }
    }
}
