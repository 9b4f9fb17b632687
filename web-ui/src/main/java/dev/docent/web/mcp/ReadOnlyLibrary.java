package dev.docent.web.mcp;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.Embedders;
import dev.docent.indexer.DocumentRecord;
import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.DocumentStatus;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.generation.Generations;
import dev.docent.llm.Generator;
import dev.docent.web.GeneratorFactory;
import dev.docent.web.DocentConfig;
import dev.docent.web.LibraryCaches;
import dev.docent.web.LlmSettings;
import dev.docent.web.ModelNames;
import dev.docent.web.answer.Answer;
import dev.docent.web.answer.Answerer;
import dev.docent.web.answer.Question;
import dev.docent.retriever.ChunkIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data directory opened for reading only, for {@code ./docent mcp}: the active index
 * generation's index and catalog through {@link Indexer#openReadOnly} (no write lock: {@link
 * ChunkIndex#openReadOnly}, {@link Catalog#openReadOnly}). It therefore runs while {@code serve}
 * indexes into the same directory, sees each commit of it at the next search, and follows serve
 * to a new generation when a changed model or chunking has been rebuilt.
 */
public final class ReadOnlyLibrary implements Library, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyLibrary.class);

    private final DocentConfig config;
    private final Indexer indexer;
    private final Embedder embedder;
    private final Generator generator;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Answerer answerer;

    private ReadOnlyLibrary(DocentConfig config) throws IOException {
        this.config = config;
        Path data = config.dataDir();
        if (!Files.isRegularFile(data.resolve(Generations.POINTER)) && !Generations.hasRootCatalog(data)) {
            throw new IllegalArgumentException("no Docent index in " + data
                    + ": run ./docent index FOLDER (or ./docent serve FOLDER) with the same --data first");
        }
        LibraryCaches.pointAt(data.resolve("cache"));
        GeneratorFactory.check(config.llm()); // a refused llm.endpoint stops the server, as it stops serve
        this.embedder = Embedders.defaultModel(config.embedderThreads());
        try {
            this.indexer = Indexer.openReadOnly(data, embedder); // the last commit, no write lock
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
        Generator g = null;
        try {
            LlmSettings llm = config.llm();
            if (llm.endpoint() == null && llm.model() != null) {
                // llm.model may be a name from `docent models` or "auto", as for serve.
                llm = llm.withModel(ModelNames.resolve(llm.model().toString(), data));
            }
            g = GeneratorFactory.open(llm);
        } catch (RuntimeException e) {
            log.warn("Answering extractively: {}", e.getMessage());
        }
        this.generator = g;
        // The index's own search (its analysis, fusion and defaults), on what serve committed last.
        // (Indexer.search refreshes to the writer's last commit and follows a generation switch.)
        this.answerer = new Answerer(embedder, (Answerer.Index) indexer::search, g, config.llm().maxAnswerTokens(), config.llm().timeoutSeconds(),
                config.foundThreshold());
    }

    public static ReadOnlyLibrary open(DocentConfig config) {
        try {
            return new ReadOnlyLibrary(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index in " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Answerer answerer() {
        return answerer;
    }

    @Override
    public Answer ask(Question q) {
        return answerer.answer(q, text -> {}, () -> Thread.currentThread().isInterrupted());
    }

    @Override
    public List<DocumentRecord> documents() {
        return indexer.documents();
    }

    @Override
    public Map<String, Object> status() {
        Map<DocumentStatus, Integer> counts = new EnumMap<>(DocumentStatus.class);
        for (DocumentStatus st : DocumentStatus.values()) counts.put(st, 0);
        for (DocumentRecord r : documents()) counts.merge(r.status(), 1, Integer::sum);
        ChunkIndex index = indexer.index();
        index.refresh();
        int chunks = index.chunkCount();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("documents", Map.of("indexed", counts.get(DocumentStatus.INDEXED), "pending", counts.get(DocumentStatus.PENDING),
                "failed", counts.get(DocumentStatus.FAILED)));
        out.put("chunks", chunks);
        out.put("generation", indexer.generationStatus().active()); // the index generation that answers
        out.put("data_dir", config.dataDir().toString());
        out.put("read_only", true); // indexing is serve's or index's job; this server only reads
        out.put("mode", generator != null ? "generative" : "extractive");
        out.put("model", generator != null ? generator.modelName() : null);
        out.put("generator", dev.docent.web.api.DocentApp.generatorStatus(generator));
        return out;
    }

    @Override
    public int defaultTopK() {
        return config.topK();
    }

    @Override
    public int maxQuestionChars() {
        return config.maxQuestionChars();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return; // a signal and the normal end may both close
        indexer.close();
        if (generator != null) generator.close();
        embedder.close();
    }
}
