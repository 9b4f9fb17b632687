package dev.docent.assistant;

import dev.docent.assistant.collection.CollectionAnswerer;
import dev.docent.indexer.IndexingLimits;
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
 * @param yieldToAnswers background indexing pauses while an answer is generated
 * @param llm the language model, if any
 * @param respectGitignore {@code .gitignore} files exclude files from indexing, as {@code .docentignore} files do
 * @param indexing per-file time and size limits of indexing, and the chunk size
 * @param foundThreshold answer confidence below which the documents do not seem to contain the answer
 * @param requireToken every HTTP request, from this machine too, must prove it comes from the owner
 *     ({@code DATA/api-token} as a Bearer token, or the page's session cookie); {@code server.require_token}
 * @param collectionModel how much a language model does for one collection answer (candidates it
 *     checks, time): {@code ask.collection_check_documents}, {@code ask.collection_model_seconds}
 * @param index where the chunk index lives: the embedded Lucene index (default) or an OpenSearch cluster ({@code index.*})
 */
public record DocentConfig(Path dataDir, int port, int topK, int embedderThreads, int watchSeconds,
        int maxQuestionChars, boolean yieldToAnswers, LlmSettings llm, boolean respectGitignore, IndexingLimits indexing,
        double foundThreshold, boolean requireToken, CollectionAnswerer.ModelLimits collectionModel, IndexBackend index) {

    /** The settings before {@code collectionModel} and {@code index} existed: their defaults (the embedded Lucene index). */
    public DocentConfig(Path dataDir, int port, int topK, int embedderThreads, int watchSeconds, int maxQuestionChars,
            boolean yieldToAnswers, LlmSettings llm, boolean respectGitignore, IndexingLimits indexing, double foundThreshold,
            boolean requireToken) {
        this(dataDir, port, topK, embedderThreads, watchSeconds, maxQuestionChars, yieldToAnswers, llm, respectGitignore,
                indexing, foundThreshold, requireToken, CollectionAnswerer.ModelLimits.DEFAULT, IndexBackend.LUCENE);
    }

    /** The settings before {@code requireToken} existed; it is then on, the default. */
    public DocentConfig(Path dataDir, int port, int topK, int embedderThreads, int watchSeconds, int maxQuestionChars,
            boolean yieldToAnswers, LlmSettings llm, boolean respectGitignore, IndexingLimits indexing, double foundThreshold) {
        this(dataDir, port, topK, embedderThreads, watchSeconds, maxQuestionChars, yieldToAnswers, llm, respectGitignore,
                indexing, foundThreshold, true);
    }

    public DocentConfig {
        if (collectionModel == null) collectionModel = CollectionAnswerer.ModelLimits.DEFAULT;
        if (index == null) index = IndexBackend.LUCENE;
        if (!(foundThreshold >= 0 && foundThreshold <= 1)) {
            throw new IllegalArgumentException("ask.found_threshold must be between 0 and 1, got " + foundThreshold);
        }
    }

    public static DocentConfig defaults() {
        return new DocentConfig(defaultDataDir(), 8080, 5, Math.max(1, Runtime.getRuntime().availableProcessors()),
                30, 4000, true, LlmSettings.defaults(), true, IndexingLimits.defaults(),
                dev.docent.retriever.Relevance.DEFAULT_FOUND_THRESHOLD);
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
        var props = new Props(p, file, ConfigKeys.lines(file));
        ConfigKeys.refuseUnknown(p.stringPropertyNames(), props.lines(), file);
        LlmSettings l = d.llm();
        return new DocentConfig(
                props.path("data.dir", d.dataDir()),
                props.integer("server.port", d.port()),
                props.integer("ask.top_k", d.topK()),
                props.integer("embedder.threads", d.embedderThreads()),
                props.integer("watch.interval.seconds", d.watchSeconds()),
                props.integer("ask.max_question_chars", d.maxQuestionChars()),
                props.bool("indexing.yield_to_answers", true),
                new LlmSettings(props.path("llm.model", null), props.integer("llm.context_size", l.contextSize()),
                        props.integer("llm.threads", l.threads()), props.integer("llm.gpu_layers", l.gpuLayers()),
                        props.decimal("llm.temperature", l.temperature()),
                        props.integer("llm.max_answer_tokens", l.maxAnswerTokens()),
                        props.integer("llm.timeout_seconds", l.timeoutSeconds()),
                        props.integer("llm.max_waiting", l.maxWaiting()), endpoint(props)),
                props.bool("indexing.respect_gitignore", true),
                IndexingLimits.of(props.integer("indexing.max_seconds_per_file", IndexingLimits.DEFAULT_SECONDS_PER_FILE),
                        props.integer("indexing.max_file_mb", IndexingLimits.DEFAULT_MAX_FILE_MB))
                        .withOcr(props.raw("indexing.ocr") == null ? IndexingLimits.DEFAULT_OCR : props.raw("indexing.ocr"))
                        .withOcrLanguages(props.raw("indexing.ocr_languages") == null ? IndexingLimits.DEFAULT_OCR_LANGUAGES
                                : props.raw("indexing.ocr_languages"))
                        .withChunkTokens(props.integer("indexing.chunk_tokens", d.indexing().chunkTokens())),
                props.decimal("ask.found_threshold", (float) d.foundThreshold()),
                props.bool("server.require_token", d.requireToken()),
                new CollectionAnswerer.ModelLimits(
                        props.integer("ask.collection_check_documents", d.collectionModel().checkDocuments()),
                        props.integer("ask.collection_model_seconds", d.collectionModel().budgetSeconds())),
                props.index());
    }

    public DocentConfig withDataDir(Path dir) {
        return new DocentConfig(dir, port, topK, embedderThreads, watchSeconds, maxQuestionChars, yieldToAnswers, llm, respectGitignore, indexing, foundThreshold, requireToken, collectionModel, index);
    }

    public DocentConfig withPort(int p) {
        return new DocentConfig(dataDir, p, topK, embedderThreads, watchSeconds, maxQuestionChars, yieldToAnswers, llm, respectGitignore, indexing, foundThreshold, requireToken, collectionModel, index);
    }

    public DocentConfig withLlm(LlmSettings l) {
        return new DocentConfig(dataDir, port, topK, embedderThreads, watchSeconds, maxQuestionChars, yieldToAnswers, l, respectGitignore, indexing, foundThreshold, requireToken, collectionModel, index);
    }

    public DocentConfig withIndexing(IndexingLimits i) {
        return new DocentConfig(dataDir, port, topK, embedderThreads, watchSeconds, maxQuestionChars, yieldToAnswers, llm, respectGitignore, i, foundThreshold, requireToken, collectionModel, index);
    }

    /** With these bounds on a model's work for one collection answer. */
    public DocentConfig withCollectionModel(CollectionAnswerer.ModelLimits limits) {
        return new DocentConfig(dataDir, port, topK, embedderThreads, watchSeconds, maxQuestionChars, yieldToAnswers, llm, respectGitignore, indexing, foundThreshold, requireToken, limits, index);
    }

    /** With the index kept where {@code i} says ({@code index.*}). */
    public DocentConfig withIndex(IndexBackend i) {
        return new DocentConfig(dataDir, port, topK, embedderThreads, watchSeconds, maxQuestionChars, yieldToAnswers, llm, respectGitignore, indexing, foundThreshold, requireToken, collectionModel, i);
    }

    /** With or without the owner's proof on every HTTP request ({@code server.require_token}). */
    public DocentConfig withRequireToken(boolean require) {
        return new DocentConfig(dataDir, port, topK, embedderThreads, watchSeconds, maxQuestionChars, yieldToAnswers, llm, respectGitignore, indexing, foundThreshold, require, collectionModel, index);
    }

    /** The {@code llm.endpoint*} keys, or null when no endpoint is set. */
    private static LlmSettings.Endpoint endpoint(Props props) {
        String url = props.raw("llm.endpoint");
        if (url == null) return null;
        return new LlmSettings.Endpoint(url, props.raw("llm.endpoint_model"),
                props.bool("llm.allow_remote_endpoint", false),
                props.integer("llm.endpoint_context", dev.docent.llm.remote.RemoteOptions.DEFAULT_CONTEXT),
                props.raw("llm.endpoint_key_env"));
    }

    /** Typed reads of optional keys; a malformed value names the key, the file and its line. */
    private record Props(Properties p, Path file, java.util.Map<String, Integer> lines) {
        String raw(String key) {
            String v = p.getProperty(key, "").strip();
            return v.isEmpty() ? null : v;
        }

        /** The {@code index.*} keys; a wrong value names the file and line. */
        IndexBackend index() {
            try {
                return IndexBackend.parse(this::raw);
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                String key = m.startsWith("index.opensearch.hosts") ? "index.opensearch.hosts"
                        : m.startsWith("index.opensearch.index") ? "index.opensearch.index"
                        : m.startsWith("index.opensearch.replicas") ? "index.opensearch.replicas"
                        : m.startsWith("index.opensearch.*") ? (raw("index.opensearch.hosts") != null ? "index.opensearch.hosts"
                                : "index.opensearch.credentials_env")
                        : "index.backend";
                throw new IllegalArgumentException(where(key) + ": " + e.getMessage(), e);
            }
        }

        /** Where {@code key} is set: "FILE line N". */
        String where(String key) {
            Integer line = lines.get(key);
            return file + (line == null ? "" : " line " + line);
        }

        /** {@code true} or {@code false} (any case), nothing else: "yes", "1" or a typo is refused, not guessed. */
        boolean bool(String key, boolean fallback) {
            String v = raw(key);
            if (v == null) return fallback;
            if (v.equalsIgnoreCase("true")) return true;
            if (v.equalsIgnoreCase("false")) return false;
            throw new IllegalArgumentException(where(key) + ": " + key + " must be true or false, got '" + v + "'");
        }

        Integer integer(String key, Integer fallback) {
            String v = raw(key);
            if (v == null) return fallback;
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where(key) + ": " + key + " must be a whole number, got '" + v + "'");
            }
        }

        float decimal(String key, float fallback) {
            String v = raw(key);
            if (v == null) return fallback;
            try {
                return Float.parseFloat(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where(key) + ": " + key + " must be a number, got '" + v + "'");
            }
        }

        Path path(String key, Path fallback) {
            String v = raw(key);
            if (v == null) return fallback;
            return v.startsWith("~/") ? Path.of(System.getProperty("user.home"), v.substring(2)) : Path.of(v);
        }
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
