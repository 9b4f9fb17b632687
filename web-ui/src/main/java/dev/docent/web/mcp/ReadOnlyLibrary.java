package dev.docent.web.mcp;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.Embedders;
import dev.docent.indexer.DocumentRecord;
import dev.docent.indexer.DocumentStatus;
import dev.docent.llm.Generator;
import dev.docent.llm.Generators;
import dev.docent.web.Docent;
import dev.docent.web.DocentConfig;
import dev.docent.web.LibraryCaches;
import dev.docent.web.answer.Answer;
import dev.docent.web.answer.Answerer;
import dev.docent.web.answer.Question;
import dev.docent.retriever.ChunkIndex;
import dev.docent.retriever.HybridSearch;
import dev.docent.retriever.TextScoring;
import dev.docent.retriever.internal.LuceneSearcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data directory opened for reading only, for {@code ./docent mcp}: the Lucene index through a
 * plain DirectoryReader (no IndexWriter, so no write.lock) and the SQLite catalog with
 * {@code mode=ro}. It therefore runs while {@code serve} indexes into the same directory, and sees
 * each commit of it at the next search.
 *
 * <p>The indexer has no read-only open yet, so this opens the two stores itself; the analyzer must
 * stay the one {@link ChunkIndex} writes with (EnglishAnalyzer today). Switch to the retriever's
 * and indexer's own read-only opens once they exist.
 */
public final class ReadOnlyLibrary implements Library, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyLibrary.class);

    private final DocentConfig config;
    private final FSDirectory directory;
    private final SearcherManager searchers;
    private final String catalogUrl;
    private final Embedder embedder;
    private final Generator generator;
    private final Answerer answerer;

    private ReadOnlyLibrary(DocentConfig config) throws IOException {
        this.config = config;
        Path data = config.dataDir();
        Path index = data.resolve("index");
        Path catalog = data.resolve("catalog.db");
        if (!Files.isRegularFile(catalog) || !Files.isDirectory(index)) {
            throw new IllegalArgumentException("no Docent index in " + data
                    + ": run ./docent index FOLDER (or ./docent serve FOLDER) with the same --data first");
        }
        this.catalogUrl = "jdbc:sqlite:file:" + catalog.toAbsolutePath() + "?mode=ro";
        this.directory = FSDirectory.open(index);
        this.searchers = new SearcherManager(directory, null);
        LibraryCaches.pointAt(data.resolve("cache"));
        this.embedder = Embedders.defaultModel(config.embedderThreads());
        Generator g = null;
        if (config.llm().model() != null) {
            try {
                g = Generators.llama(Docent.llamaOptions(config.llm()));
            } catch (RuntimeException e) {
                log.warn("Answering extractively: {}", e.getMessage());
            }
        }
        this.generator = g;
        var search = HybridSearch.defaults(new LuceneSearcher(searchers, new EnglishAnalyzer(), TextScoring.DEFAULT,
                ChunkIndex.EXACT_KNN_BELOW));
        Answerer.Index latest = (text, vector, topK) -> {
            refresh();
            return search.search(text, vector, topK);
        };
        this.answerer = new Answerer(embedder, latest, g, config.llm().maxAnswerTokens(), config.llm().timeoutSeconds(),
                config.foundThreshold());
    }

    public static ReadOnlyLibrary open(DocentConfig config) {
        try {
            return new ReadOnlyLibrary(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index in " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /** Picks up what {@code serve} committed since the last look. */
    private void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        try (Connection c = DriverManager.getConnection(catalogUrl); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            try (ResultSet rs = s.executeQuery("SELECT * FROM documents ORDER BY path")) {
                List<DocumentRecord> out = new ArrayList<>();
                while (rs.next()) out.add(read(rs));
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the catalog (" + catalogUrl + "): " + e.getMessage(), e);
        }
    }

    /** The catalog's row layout (indexer's Catalog.read), read here without opening it for writing. */
    private static DocumentRecord read(ResultSet rs) throws SQLException {
        long indexedAt = rs.getLong("indexed_at");
        boolean noIndexedAt = rs.wasNull();
        return new DocumentRecord(rs.getString("path"), rs.getLong("size"), Instant.ofEpochMilli(rs.getLong("modified")),
                rs.getString("sha256"), DocumentStatus.valueOf(rs.getString("status")), rs.getString("error"),
                rs.getString("title"), rs.getInt("pages"), rs.getInt("chunks"),
                noIndexedAt ? null : Instant.ofEpochMilli(indexedAt));
    }

    @Override
    public Map<String, Object> status() {
        Map<DocumentStatus, Integer> counts = new EnumMap<>(DocumentStatus.class);
        for (DocumentStatus st : DocumentStatus.values()) counts.put(st, 0);
        for (DocumentRecord r : documents()) counts.merge(r.status(), 1, Integer::sum);
        refresh();
        int chunks;
        try {
            var s = searchers.acquire();
            try {
                chunks = s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("documents", Map.of("indexed", counts.get(DocumentStatus.INDEXED), "pending", counts.get(DocumentStatus.PENDING),
                "failed", counts.get(DocumentStatus.FAILED)));
        out.put("chunks", chunks);
        out.put("data_dir", config.dataDir().toString());
        out.put("read_only", true); // indexing is serve's or index's job; this server only reads
        out.put("mode", generator != null ? "generative" : "extractive");
        out.put("model", generator != null ? generator.modelName() : null);
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
        try {
            searchers.close();
            directory.close();
        } catch (IOException e) {
            log.warn("Closing the index: {}", e.toString());
        }
        if (generator != null) generator.close();
        embedder.close();
    }
}
