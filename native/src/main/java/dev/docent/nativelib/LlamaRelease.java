package dev.docent.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/** The pinned release and the per-platform package names and checksums. */
public final class LlamaRelease {

    private static final Properties PINS = load();

    private LlamaRelease() {}

    private static Properties load() {
        try (InputStream in = LlamaRelease.class.getResourceAsStream("llama-packages.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("llama-packages.properties is missing from docent-native", e);
        }
    }

    /** npm version of node-llama-cpp and its platform packages, e.g. 3.21.1. */
    public static String npmVersion() {
        return PINS.getProperty("version");
    }

    /** llama.cpp release tag those packages were built from, e.g. v0.4.0. */
    public static String release() {
        return PINS.getProperty("release");
    }

    /** Expected sha256 of a package's .tgz, or null when the package is not pinned. */
    public static String sha256(String packageName) {
        return PINS.getProperty("sha256." + packageName);
    }

    /**
     * The platform package for this machine: {@code mac-arm64-metal}, {@code mac-x64},
     * {@code linux-x64}, {@code linux-arm64}, {@code win-x64}; {@code flavour} (e.g. "vulkan")
     * picks a GPU build where one is pinned.
     */
    public static String platformPackage(String flavour) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean arm = arch.equals("aarch64") || arch.equals("arm64");
        String base;
        if (os.contains("mac")) base = arm ? "mac-arm64-metal" : "mac-x64";
        else if (os.contains("win")) base = "win-x64";
        else base = arm ? "linux-arm64" : "linux-x64";
        String name = flavour == null || flavour.isBlank() ? base : base + "-" + flavour;
        if (sha256(name) == null) {
            throw new IllegalArgumentException("no pinned llama.cpp package '" + name + "' for " + os + "/" + arch
                    + "; point DOCENT_LLAMA_DIR at a llama.cpp " + release() + " build instead");
        }
        return name;
    }

    static UncheckedIOException io(String message, IOException e) {
        return new UncheckedIOException(message + ": " + e.getMessage(), e);
    }
}
