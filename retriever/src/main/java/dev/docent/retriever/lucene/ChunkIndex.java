package dev.docent.retriever.lucene;

import dev.docent.retriever.DocumentIndex;
import dev.docent.retriever.Hit;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.SearchMode;
import dev.docent.retriever.Searcher;
import dev.docent.retriever.TextScoring;
import dev.docent.retriever.VectorFormat;
import dev.docent.retriever.fusion.HybridSearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.docent.retriever.analysis.Language;
import dev.docent.retriever.analysis.LanguageDetector;
import dev.docent.retriever.analysis.MultilingualAnalysis;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import dev.docent.retriever.fusion.SingleRetriever;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;

/**
 * The chunk index on disk: the Lucene {@link ChunkStore}, and through {@link #searcher()} its
 * {@link Searcher}. Thread-safe: writers and searchers may run concurrently; searches see what was
 * written once {@link #commit()} (or {@link #refresh()}) has run.
 */
public final class ChunkIndex implements DocumentIndex {

    /**
     * Below this many chunks, vector search scores every vector instead of walking the HNSW graph:
     * exact, and at most a few milliseconds (docs/benchmarks.md); above it HNSW keeps search fast.
     */
    public static final int EXACT_KNN_BELOW = 20_000;

    private final FSDirectory directory;
    /**
     * Names the BM25 analysis this index is written with ({@link MultilingualAnalysis#VERSION}); an
     * index written under another one must be rebuilt, as its terms no longer match the queries'.
     */
    public static final String ANALYSIS_VERSION = MultilingualAnalysis.VERSION;

    private final MultilingualAnalysis analysis = new MultilingualAnalysis(ChunkFields.ANALYSED);
    /** Null when opened read-only: then every write throws and no write lock is held. */
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Searcher searcher;
    private final HybridSearch defaultSearch;

    private ChunkIndex(Path dir, VectorFormat vectors) throws IOException {
        this.directory = FSDirectory.open(dir);
        var config = new IndexWriterConfig(analysis.writing())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(vectors.codec())
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        this.searcher = searcher(TextScoring.DEFAULT);
        this.defaultSearch = HybridSearch.defaults(searcher);
    }

    /** Read-only: searches the last commit (refresh() picks up newer ones); takes no write lock. */
    private ChunkIndex(FSDirectory directory) throws IOException {
        this.directory = directory;
        this.writer = null;
        this.searchers = new SearcherManager(directory, null);
        this.searcher = searcher(TextScoring.DEFAULT);
        this.defaultSearch = HybridSearch.defaults(searcher);
    }

    /**
     * Opens the committed index in {@code dir} for searching only, beside a writer in another
     * process (serve/index): no write lock, nothing written. Throws if no index was committed there.
     */
    public static ChunkIndex openReadOnly(Path dir) {
        try {
            FSDirectory directory = FSDirectory.open(dir);
            if (!org.apache.lucene.index.DirectoryReader.indexExists(directory)) {
                directory.close();
                throw new IllegalStateException("No search index in " + dir + " yet");
            }
            return new ChunkIndex(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the search index in " + dir, e);
        }
    }

    /** Whether this index was opened read-only. */
    @Override
    public boolean readOnly() {
        return writer == null;
    }

    private IndexWriter writer() {
        if (writer == null) throw new IllegalStateException("the index was opened read-only");
        return writer;
    }

    /** Opens (creating if needed) the index in {@code dir}. */
    public static ChunkIndex open(Path dir) {
        return open(dir, VectorFormat.DEFAULT);
    }

    /** Opens (creating if needed) the index in {@code dir}, writing new segments' vectors in {@code vectors}' format. */
    public static ChunkIndex open(Path dir, VectorFormat vectors) {
        try {
            return new ChunkIndex(dir, vectors);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + dir
                    + " (is another Docent using this --data directory?)", e);
        }
    }

    /**
     * Replaces every chunk of {@code path} with {@code chunks} (an empty list deletes the document).
     * Each chunk's text is analysed in its language: the chunk's own where its text says clearly,
     * else the document's.
     */
    @Override
    public void replaceDocument(String path, List<IndexedChunk> chunks) {
        try {
            List<org.apache.lucene.document.Document> docs = new ArrayList<>(chunks.size());
            Language documentLanguage = LanguageDetector.detect(sample(chunks)).orElse(Language.ENGLISH);
            for (IndexedChunk c : chunks) {
                if (!c.path().equals(path)) {
                    throw new IllegalArgumentException("chunk of " + c.path() + " given for " + path);
                }
                docs.add(ChunkFields.toDocument(c, MultilingualAnalysis.chunkLanguage(c.text(), documentLanguage)));
            }
            Term id = new Term(ChunkFields.PATH, path);
            // One atomic update: no reader, and no commit, ever sees half the old and half the new.
            // (An empty list goes to deleteDocuments: Lucene 10.6's updateDocuments with no document
            // leaves its RAM accounting off, which its assertions catch at close.)
            if (docs.isEmpty()) writer().deleteDocuments(id);
            else writer().updateDocuments(id, docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The start of a document's text, enough to tell its language. */
    private static String sample(List<IndexedChunk> chunks) {
        var sb = new StringBuilder();
        for (IndexedChunk c : chunks) {
            if (sb.length() > 20_000) break;
            sb.append(c.title()).append('\n').append(c.text()).append('\n');
        }
        return sb.toString();
    }

    /** Removes every chunk (used when the embedding model changes and all vectors are stale). */
    @Override
    public void deleteAll() {
        try {
            writer().deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes writes durable and visible to searches. */
    @Override
    public void commit() {
        try {
            writer().commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commit user data key: the sequence number the catalog records with the same batch. */
    public static final String SEQUENCE = "docent.sequence";

    /**
     * Makes writes durable and visible, and stamps the commit with {@code sequence}, which the
     * catalog stores in the transaction that records the same batch.
     */
    public void commit(long sequence) {
        prepareCommit(sequence);
        commit();
    }

    /**
     * The first phase of {@link #commit(long)}: writes and fsyncs the new segments and a pending
     * commit point stamped with {@code sequence}, which {@link #commit()} then makes the index's.
     * Until then a crash leaves the last commit as it was (the next writer removes the pending
     * files). Split out so that the indexer can name the moment between the two phases as a crash
     * point; nothing may be written to the index in between.
     */
    @Override
    public void prepareCommit(long sequence) {
        try {
            writer().setLiveCommitData(java.util.Map.of(SEQUENCE, Long.toString(sequence)).entrySet());
            writer().prepareCommit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sequence number of the last commit, or -1 if none carried one. */
    @Override
    public long committedSequence() {
        Iterable<java.util.Map.Entry<String, String>> data = writer == null ? null : writer.getLiveCommitData();
        if (data != null) {
            for (var e : data) if (e.getKey().equals(SEQUENCE)) return Long.parseLong(e.getValue());
        }
        try (var reader = org.apache.lucene.index.DirectoryReader.open(directory)) {
            String v = reader.getIndexCommit().getUserData().get(SEQUENCE);
            return v == null ? -1 : Long.parseLong(v);
        } catch (org.apache.lucene.index.IndexNotFoundException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Live chunks per document path, as searches see them (to reconcile with the catalog). */
    @Override
    public java.util.Map<String, Integer> chunkCountsByPath() {
        return withSearcher(searcher -> {
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            try {
                for (var leaf : searcher.getIndexReader().leaves()) {
                    var terms = leaf.reader().terms(ChunkFields.PATH);
                    if (terms == null) continue;
                    var live = leaf.reader().getLiveDocs();
                    var it = terms.iterator();
                    org.apache.lucene.index.PostingsEnum postings = null;
                    for (var term = it.next(); term != null; term = it.next()) {
                        postings = it.postings(postings, org.apache.lucene.index.PostingsEnum.NONE);
                        int n = 0;
                        for (int d = postings.nextDoc(); d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                                d = postings.nextDoc()) {
                            if (live == null || live.get(d)) n++;
                        }
                        if (n > 0) counts.merge(term.utf8ToString(), n, Integer::sum);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return counts;
        });
    }

    /** Makes writes visible to searches without the cost of an fsync. */
    @Override
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of chunks visible to searches. */
    @Override
    public int chunkCount() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    /** Every chunk of {@code path}, in document order (empty if it is not indexed). */
    @Override
    public List<Hit> chunksOf(String path) {
        return withSearcher(searcher -> {
            var query = new org.apache.lucene.search.TermQuery(new Term(ChunkFields.PATH, path));
            int n = Math.max(1, searcher.count(query));
            List<Hit> hits = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(query, n).scoreDocs) {
                hits.add(ChunkFields.toHit(stored.document(sd.doc), 1.0));
            }
            hits.sort(java.util.Comparator.comparingInt(Hit::ordinal));
            return hits;
        });
    }

    /**
     * The stored page regions ({@link IndexedChunk#regions()}) of {@code path}'s chunks on
     * {@code page} that overlap {@code [start, end)}, in document order; empty when none were kept.
     */
    @Override
    public List<String> regionsOf(String path, int page, int start, int end) {
        return withSearcher(searcher -> {
            var query = new org.apache.lucene.search.TermQuery(new Term(ChunkFields.PATH, path));
            int n = Math.max(1, searcher.count(query));
            var stored = searcher.storedFields();
            var found = new java.util.TreeMap<Integer, String>();
            for (ScoreDoc sd : searcher.search(query, n).scoreDocs) {
                var d = stored.document(sd.doc);
                String regions = d.get(ChunkFields.REGIONS);
                if (regions == null || d.getField(ChunkFields.PAGE).numericValue().intValue() != page) continue;
                if (d.getField(ChunkFields.START).numericValue().intValue() < end
                        && d.getField(ChunkFields.END).numericValue().intValue() > start) {
                    found.put(d.getField(ChunkFields.ORDINAL).numericValue().intValue(), regions);
                }
            }
            return List.copyOf(found.values());
        });
    }

    /**
     * Every chunk of {@code path} as written, vector included, in document order (empty if it is
     * not indexed): a renamed or copied file's chunks are written again under the new path from
     * these, so a rename costs no extraction and no embedding. Reads the latest refreshed state.
     */
    @Override
    public List<IndexedChunk> storedChunksOf(String path) {
        return withSearcher(searcher -> {
            var query = new org.apache.lucene.search.TermQuery(new Term(ChunkFields.PATH, path));
            int n = Math.max(1, searcher.count(query));
            int[] docs = java.util.Arrays.stream(searcher.search(query, n).scoreDocs).mapToInt(sd -> sd.doc).sorted().toArray();
            List<IndexedChunk> out = new ArrayList<>(docs.length);
            var leaves = searcher.getIndexReader().leaves();
            var stored = searcher.storedFields();
            for (int doc : docs) {
                var leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
                float[] vector = ChunkFields.vector(leaf.reader(), doc - leaf.docBase);
                if (vector == null) throw new IllegalStateException("chunk of " + path + " has no vector");
                out.add(ChunkFields.toChunk(stored.document(doc), vector));
            }
            out.sort(java.util.Comparator.comparingInt(IndexedChunk::ordinal));
            return out;
        });
    }

    /** Calls {@code action} with every live chunk's stored fields (no vector), e.g. to see which texts are in use. */
    @Override
    public void forEachChunk(java.util.function.Consumer<Hit> action) {
        withSearcher(searcher -> {
            for (var leaf : searcher.getIndexReader().leaves()) {
                var reader = leaf.reader();
                var live = reader.getLiveDocs();
                var stored = reader.storedFields();
                for (int d = 0; d < reader.maxDoc(); d++) {
                    if (live == null || live.get(d)) action.accept(ChunkFields.toHit(stored.document(d), 0));
                }
            }
            return null;
        });
    }

    /** The searching side over this index: raw candidates of both retrievers, always the latest snapshot. */
    @Override
    public Searcher searcher() {
        return searcher;
    }

    /** As {@link #searcher()}, with BM25 scoring other than the default (for evaluation). */
    public Searcher searcher(TextScoring scoring) {
        return searcher(scoring, EXACT_KNN_BELOW);
    }

    /** As {@link #searcher(TextScoring)}, choosing where exact kNN gives way to HNSW (for evaluation). */
    public Searcher searcher(TextScoring scoring, int exactKnnBelow) {
        return new LuceneSearcher(searchers, analysis, scoring, exactKnnBelow);
    }

    /** Hybrid search with the default fusion and depth ({@link HybridSearch#defaults}). */
    public List<Hit> search(String queryText, float[] queryVector, int topK) {
        return defaultSearch.search(queryText, queryVector, topK);
    }

    /** One retriever alone, or the default hybrid search. */
    public List<Hit> search(String queryText, float[] queryVector, int topK, SearchMode mode) {
        HybridSearch s = switch (mode) {
            case BM25 -> new HybridSearch(searcher, SingleRetriever.BM25, defaultSearch.depth());
            case VECTOR -> new HybridSearch(searcher, SingleRetriever.VECTOR, defaultSearch.depth());
            case HYBRID -> defaultSearch;
        };
        return s.search(queryText, queryVector, topK);
    }

    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherFunction<T> fn) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return fn.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            if (writer != null) writer.close();
            directory.close();
            analysis.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
