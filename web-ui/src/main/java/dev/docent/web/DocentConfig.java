package dev.docent.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Settings, from {@code config/docent.properties} (every key documented there) overridden by
 * command-line flags. Immutable; the {@code with…} methods return changed copies.
 *
 * @param dataDir where the catalog, the index and caches live; nothing is written elsewhere
 * @param port HTTP port on 127.0.0.1
 * @param topK passages retrieved per question unless the request says otherwise
 * @param embedderThreads ONNX Runtime threads for embedding
 * @param watchSeconds how often serve re-checks the folders even without file events
 * @param maxQuestionChars longest accepted question
 * @param model GGUF model file, or null for extractive answers
 */
public record DocentConfig(Path dataDir, int port, int topK, int embedderThreads, int watchSeconds,
        int maxQuestionChars, Path model) {

    public static DocentConfig defaults() {
        return new DocentConfig(defaultDataDir(), 8080, 5, Math.max(1, Runtime.getRuntime().availableProcessors()),
                30, 4000, null);
    }

    /** Defaults overridden by the properties file, if it exists. */
    public static DocentConfig load(Path file) {
        DocentConfig d = defaults();
        if (file == null || !Files.isRegularFile(file)) return d;
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read config " + file + ": " + e.getMessage(), e);
        }
        return new DocentConfig(
                p.getProperty("data.dir", "").isBlank() ? d.dataDir() : expandHome(p.getProperty("data.dir")),
                intProp(p, "server.port", d.port(), file),
                intProp(p, "ask.top_k", d.topK(), file),
                p.getProperty("embedder.threads", "").isBlank() ? d.embedderThreads() : intProp(p, "embedder.threads", 1, file),
                intProp(p, "watch.interval.seconds", d.watchSeconds(), file),
                intProp(p, "ask.max_question_chars", d.maxQuestionChars(), file),
                p.getProperty("llm.model", "").isBlank() ? null : expandHome(p.getProperty("llm.model")));
    }

    public DocentConfig withDataDir(Path dir) {
        return new DocentConfig(dir, port, topK, embedderThreads, watchSeconds, maxQuestionChars, model);
    }

    public DocentConfig withPort(int p) {
        return new DocentConfig(dataDir, p, topK, embedderThreads, watchSeconds, maxQuestionChars, model);
    }

    public DocentConfig withModel(Path m) {
        return new DocentConfig(dataDir, port, topK, embedderThreads, watchSeconds, maxQuestionChars, m);
    }

    private static int intProp(Properties p, String key, int fallback, Path file) {
        String v = p.getProperty(key, "").strip();
        if (v.isEmpty()) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " must be a whole number, got '" + v + "'");
        }
    }

    private static Path expandHome(String v) {
        String s = v.strip();
        return s.startsWith("~/") ? Path.of(System.getProperty("user.home"), s.substring(2)) : Path.of(s);
    }

    /** A per-user directory, following each platform's convention. */
    static Path defaultDataDir() {
        String env = System.getenv("DOCENT_DATA");
        if (env != null && !env.isBlank()) return Path.of(env);
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) return Path.of(home, "Library", "Application Support", "Docent");
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : home, "Docent");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("docent");
    }

    /** Folders a serve/index run works on; kept here so the status API can report them. */
    public static List<Path> absolute(List<Path> folders) {
        return folders.stream().map(f -> f.toAbsolutePath().normalize()).toList();
    }
}
