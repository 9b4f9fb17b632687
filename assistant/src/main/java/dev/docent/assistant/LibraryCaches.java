package dev.docent.assistant;

import dev.docent.embedder.factory.Embedders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points every library that keeps files of its own at Docent's cache folder, so nothing is written
 * in the user's home or left in the temp folder (the README promises everything lives under the
 * data directory). Each library reads its setting when it first needs it, so this runs before any
 * of them is used. Found by tracing a run with a fresh HOME (NoNetworkTest).
 */
public final class LibraryCaches {

    private LibraryCaches() {}

    public static void pointAt(Path cache) {
        for (String dir : new String[] {"djl", "pdfbox", "jna", "sqlite"}) {
            try {
                Files.createDirectories(cache.resolve(dir));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + cache.resolve(dir) + ": " + e.getMessage(), e);
            }
        }
        // DJL's tokenizer natives (otherwise ~/.djl.ai).
        System.setProperty("DJL_CACHE_DIR", cache.resolve("djl").toString());
        System.setProperty("ENGINE_CACHE_DIR", cache.resolve("djl").toString());
        // PDFBox's font cache (otherwise ~/.pdfbox.cache).
        System.setProperty("pdfbox.fontcache", cache.resolve("pdfbox").toString());
        // JNA's native stub (otherwise ~/.cache/JNA).
        System.setProperty("jna.tmpdir", cache.resolve("jna").toString());
        // SQLite's native library, unpacked once instead of into the temp folder on every start.
        System.setProperty("org.sqlite.tmpdir", cache.resolve("sqlite").toString());
        // ONNX Runtime's native library (otherwise a fresh 28 MB copy in the temp folder per start).
        Embedders.useNativeCache(cache);
    }
}
