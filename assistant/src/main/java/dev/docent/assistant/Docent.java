package dev.docent.assistant;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.generation.Generations;
import dev.docent.indexer.watch.FolderWatcher;
import dev.docent.llm.Generator;
import dev.docent.llm.factory.Generators;
import dev.docent.llm.ModelLoadException;
import dev.docent.assistant.answer.ActiveModel;
import dev.docent.assistant.collection.CollectionAnswerer;
import dev.docent.assistant.collection.CollectionIntent;
import dev.docent.assistant.collection.CollectionSearch;
import dev.docent.assistant.collection.TimeExpressions;
import dev.docent.assistant.answer.AnswerJobs;
import dev.docent.assistant.answer.Answerer;
import dev.docent.assistant.conversation.ConversationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything a running Docent holds, wired from a config. Closing it releases all of it. */
public final class Docent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Docent.class);

    private final DocentConfig config;
    private final boolean readOnly;
    private final Embedder embedder;
    private final Indexer indexer;
    /** Where the index lives: Lucene in the data directory, or an OpenSearch cluster (closed with Docent). */
    private final IndexPlace indexPlace;
    private final Answerer answerer;
    private final CollectionSearch documentSearch;
    private final AnswerJobs answers;
    private final ConversationStore conversations;
    private final ActiveModel model;
    private final ModelSwitch models;
    private final String llmProblem;
    private volatile List<Path> folders = List.of();
    private volatile String lastSyncError;
    /** When a sync of the watched folders last ended without error; null before the first. */
    private volatile java.time.Instant lastSyncAt;
    /** Set by close(): a background sync that fails from then on is not reported. */
    private volatile boolean closing;
    private volatile FolderWatcher watcher;

    /** How a Docent opens its index: writing (serve, index), beside a writer (ask, mcp), or a cluster's shared index (serve --read-only). */
    private enum Access { WRITE, BESIDE_WRITER, SHARED }

    private Docent(DocentConfig config, Access access) {
        boolean readOnly = access != Access.WRITE;
        this.config = config;
        this.readOnly = readOnly;
        GeneratorFactory.check(config.llm()); // a refused llm.endpoint stops the start, before anything opens
        Indexer.claimTempFolder(config.dataDir()); // before any file is read
        LibraryCaches.pointAt(config.dataDir().resolve("cache"));
        StartupTimer.mark("config, data dir and logs");
        this.indexPlace = IndexPlace.of(config.index(), config.dataDir());
        this.embedder = Embedders.defaultModel(config.embedderThreads()); // loads in the background
        try {
            if (access == Access.SHARED) {
                this.indexer = Indexer.openShared(config.dataDir(), embedder, config.indexing().chunkTokens(), config.indexing(),
                        indexPlace.storage());
            } else if (readOnly) {
                // The same limits as serve's sync when get_document or the viewer reads a file again.
                this.indexer = Indexer.openReadOnly(config.dataDir(), embedder, config.indexing(), indexPlace.storage());
            } else {
                this.indexer = Indexer.open(config.dataDir(), embedder, config.indexing().chunkTokens(), config.indexing(),
                        indexPlace.storage());
                indexer.respectGitignore(config.respectGitignore());
            }
            StartupTimer.mark("catalog and index");
        } catch (RuntimeException e) {
            embedder.close();
            indexPlace.close();
            if (e instanceof dev.docent.retriever.IndexUnavailable) {
                throw new IllegalStateException("the OpenSearch cluster at " + config.index().hosts() + " does not answer ("
                        + e.getMessage() + "): start it, or check index.opensearch.hosts in the configuration", e);
            }
            throw e;
        }
        try {
            this.conversations = ConversationStore.open(config.dataDir().resolve("conversations.db"));
        } catch (RuntimeException e) {
            indexer.close();
            embedder.close();
            indexPlace.close();
            throw e;
        }
        Generator g = null;
        Path modelFile = null;
        String problem = null;
        try {
            if (config.llm().endpoint() == null && config.llm().model() != null) {
                // A path, a name from `docent models`, or "auto" (ModelNames).
                modelFile = ModelNames.resolve(config.llm().model().toString(), config.dataDir());
            }
            g = GeneratorFactory.open(modelFile == null ? config.llm() : config.llm().withModel(modelFile));
            if (g != null) log.info("Generated answers by {}{}", g.modelName(), g.endpoint() == null ? "" : " at " + g.endpoint());
        } catch (ModelLoadException | IllegalStateException | IllegalArgumentException e) {
            // Docent stays useful without the model: extractive answers, and the reason on /api/status.
            problem = e.getMessage();
            log.warn("Answering extractively: {}", problem);
        }
        this.llmProblem = problem;
        if (g != null) StartupTimer.mark("language model");
        this.model = ActiveModel.of(g);
        LlmSettings llm = config.llm();
        // Switching loads local GGUF files only; with llm.endpoint set the server's model answers (ModelRoutes refuses).
        this.models = new ModelSwitch(model, file -> Generators.llama(GeneratorFactory.llamaOptions(llm.withModel(file))),
                () -> ModelNames.found(config.dataDir()), modelFile);
        // Through the indexer, not one index: a new generation (changed model or chunking) takes
        // over the searches when it is complete.
        // Questions about the whole collection ("how many invoices…", "list all…") are answered from
        // every matching document (CollectionAnswerer); the rest from the best passages.
        ZoneId zone = ZoneId.systemDefault();
        this.documentSearch = new CollectionSearch(indexer, embedder);
        var collections = new CollectionAnswerer(new CollectionIntent(new TimeExpressions(Clock.system(zone), zone)),
                documentSearch, indexer, zone, config.dataDir().resolve("cache").resolve("summaries"), config.collectionModel());
        this.answerer = new Answerer(embedder, (Answerer.Index) indexer::search, model, config.llm().maxAnswerTokens(),
                config.llm().timeoutSeconds(), config.foundThreshold(), collections);
        this.answers = new AnswerJobs(answerer);
        // Embedding and llama.cpp both want every core; the indexer pauses between chunks while an
        // answer is being generated, so questions stay fast during a long indexing run.
        if (config.yieldToAnswers()) indexer.pauseWhile(answerer::isGenerating);
    }

    /**
     * The language model new answers use, or null (extractive answers, or a new model is loading).
     * For its name and sizes; to generate with it, lease it from {@link #model()}.
     */
    public Generator generator() {
        return model.suspended() ? null : model.current();
    }

    /** The language model, leased by each answer; may change at run time through {@link #models()}. */
    public ActiveModel model() {
        return model;
    }

    /** The models found on this machine and the choice among them at run time. */
    public ModelSwitch models() {
        return models;
    }

    /** Why the configured model is not loaded, or null. */
    public String llmProblem() {
        return llmProblem;
    }

    public static Docent open(DocentConfig config) {
        return open(config, Access.WRITE);
    }

    /**
     * For {@code serve --read-only}: answers from the index every writer shares (index.backend =
     * opensearch: the cluster's alias), indexing nothing. Conversations stay in this server's
     * {@code config.dataDir()}.
     *
     * @throws IllegalArgumentException when the configured index is this machine's own (Lucene), saying what to run instead
     */
    public static Docent openSharedReader(DocentConfig config) {
        if (config.index().kind() != IndexBackend.Kind.OPENSEARCH) {
            throw new IllegalArgumentException("--read-only answers from a shared index: set index.backend = opensearch (and"
                    + " index.opensearch.hosts); the embedded index is answered by the serve that indexes it");
        }
        return open(config, Access.SHARED);
    }

    /**
     * For commands that only read ({@code ask}, {@code mcp}): the index a serve or index process
     * last committed, with no write lock and no write, so it works while serve runs on the same
     * data directory, and follows serve to a new index generation.
     *
     * @throws IllegalArgumentException when {@code config.dataDir()} holds no index yet, saying what to run
     */
    public static Docent openReadOnly(DocentConfig config) {
        Path data = config.dataDir();
        if (!Files.isRegularFile(data.resolve(Generations.POINTER)) && !Generations.hasRootCatalog(data)) {
            throw new IllegalArgumentException("no Docent index in " + data
                    + ": run ./docent index FOLDER (or ./docent serve FOLDER) with the same --data first");
        }
        return open(config, Access.BESIDE_WRITER);
    }

    /** Whether this Docent only reads an index that another process writes (no sync, no watching). */
    public boolean readOnly() {
        return readOnly;
    }

    private static Docent open(DocentConfig config, Access access) {
        try {
            PrivateDataDirectory.open(config.dataDir());
            Logging.toFile(config.dataDir());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Cannot create data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        return new Docent(config, access);
    }

    public DocentConfig config() {
        return config;
    }

    public Indexer indexer() {
        return indexer;
    }

    /** Which engine holds the index ("lucene", "opensearch"), and whether it answers now. */
    public IndexPlace indexPlace() {
        return indexPlace;
    }

    public Answerer answerer() {
        return answerer;
    }

    /** Document-level, exhaustive search: every document matching a query and metadata filters. */
    public CollectionSearch documentSearch() {
        return documentSearch;
    }

    /** Answers in progress, each with an id that Stop can name; every adapter starts answers here. */
    public AnswerJobs answers() {
        return answers;
    }

    /** Conversations kept for the UI (list, resume, rename, delete). */
    public ConversationStore conversations() {
        return conversations;
    }

    public List<Path> folders() {
        return folders;
    }

    /** The last background sync's failure, or null. */
    public String lastSyncError() {
        return lastSyncError;
    }

    /** When a sync of the watched folders last ended without error, or null (none yet: still looking). */
    public java.time.Instant lastSyncAt() {
        return lastSyncAt;
    }

    /**
     * Indexes {@code folders} in the background, then keeps watching them: file events trigger a
     * sync after a short pause, and a full check runs every {@code watchSeconds} regardless.
     */
    public synchronized void watch(List<Path> folders) {
        if (readOnly) throw new IllegalStateException("a read-only Docent does not index; serve or index does");
        this.folders = DocentConfig.absolute(folders);
        watcher = new FolderWatcher(this.folders, Duration.ofSeconds(config.watchSeconds()), this::syncQuietly,
                config.respectGitignore());
        watcher.start();
    }

    private void syncQuietly() {
        try {
            indexer.sync(folders, SyncProgress.NONE);
            lastSyncError = null;
            lastSyncAt = java.time.Instant.now();
        } catch (RuntimeException e) {
            if (closing) return; // the watcher raced close(): no sync was lost, none is an error
            lastSyncError = e.getMessage();
            log.error("Background sync failed: {}", e.getMessage(), e);
        }
    }

    /** Whether the watcher saw a change no sync has started on yet, or its periodic check is overdue. */
    public boolean syncDue() {
        FolderWatcher w = watcher;
        return w != null && w.behind();
    }

    /** Whether {@link #close()} has begun (e.g. from a signal while a command was still running). */
    public boolean closing() {
        return closing;
    }

    @Override
    public synchronized void close() {
        if (closing) return; // a signal handler and a try-with-resources may both close
        closing = true;
        if (watcher != null) watcher.close();
        try {
            indexer.close(); // stops a running sync after its current file
            if (watcher != null) watcher.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                models.close(); // a model still loading is closed, not used
                model.close();
            } finally {
                try {
                    conversations.close();
                } finally {
                    embedder.close();
                    indexPlace.close();
                }
            }
        }
    }
}
