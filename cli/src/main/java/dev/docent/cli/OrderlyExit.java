package dev.docent.cli;

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
public final class OrderlyExit {

    private static final Logger log = LoggerFactory.getLogger(OrderlyExit.class);

    /** 128 + the signal that started an orderly exit, or 0 while none has. */
    private static volatile int signalExitCode;

    private OrderlyExit() {}

    /**
     * The exit code for a command that returned {@code commandResult}: 128 + the signal if one
     * ended it. Closing wakes the command's main thread too, and it may reach {@code System.exit}
     * before the signal's thread does; either way the process reports that it was signalled.
     */
    public static int exitCode(int commandResult) {
        int signalled = signalExitCode;
        return signalled != 0 ? signalled : commandResult;
    }

    /** On TERM or INT: {@code close} once, then exit with 128 + the signal number. */
    static void onSignals(Runnable close) {
        AtomicBoolean closing = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (!closing.compareAndSet(false, true)) return;
                    signalExitCode = 128 + signal.getNumber();
                    // Off the signal thread: close() may take a few seconds.
                    Thread.ofPlatform().name("docent-exit").start(() -> {
                        try {
                            close.run();
                        } catch (RuntimeException e) {
                            log.warn("Closing on {} failed: {}", signal.getName(), e.toString());
                        } finally {
                            ClassDataNotice.beforeExit();
                            System.exit(signalExitCode);
                        }
                    });
                });
            } catch (IllegalArgumentException unavailable) {
                // This platform has no such signal (INT/TERM exist on Linux, macOS and Windows).
            }
        }
    }
}
