package dev.docent.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tool or data set a test needs (Chromium, tesseract, strace, {@code ../shared}). On a developer's
 * machine without it the test is skipped, saying what to install; in CI ({@code CI=true}, which
 * {@code .ci/run} sets) it FAILS instead, so a missing install step can never pass as green.
 */
public final class Required {

    private Required() {}

    /**
     * @param present whether the tool is there
     * @param what what is missing and how to get it, e.g. "tesseract (Debian: tesseract-ocr)"
     */
    public static void tool(boolean present, String what) {
        if (present) return;
        if (inCi()) fail(what + " is required in CI (CI=true), and it is missing: .ci/run must install it");
        assumeTrue(false, what + " is not installed: skipped here (CI fails instead)");
    }

    /** Whether this runs in CI: the environment variable {@code CI} is {@code true}. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
