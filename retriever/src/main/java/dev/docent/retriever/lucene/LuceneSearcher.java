package dev.docent.retriever.lucene;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.DocumentMatch;
import dev.docent.retriever.DocumentMatchQuery;
import dev.docent.retriever.Retrieval;
import dev.docent.retriever.Searcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.docent.retriever.analysis.Language;
import dev.docent.retriever.analysis.MultilingualAnalysis;
import java.util.EnumMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.similarities.BM25Similarity;
import dev.docent.retriever.TextScoring;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;

/**
 * BM25 and HNSW over the latest snapshot of the index, each to the requested depth; then the
 * score each retriever did not give is computed exactly for the other's candidates (BM25 by
 * advancing a scorer to the document, cosine from the stored vector), so every candidate carries
 * both raw scores. Document matching ({@link #matchDocuments}) is {@link DocumentMatcher}'s, over one snapshot.
 */
public final class LuceneSearcher implements Searcher {

    private final SearcherManager manager;
    private final MultilingualAnalysis analysis;
    private final TextScoring scoring;
    private final BM25Similarity similarity;
    private final int exactBelow;

    /**
     * @param exactBelow indexes with fewer chunks than this are searched by exact kNN (every vector
     *     scored), larger ones through the HNSW graph
     */
    public LuceneSearcher(SearcherManager manager, MultilingualAnalysis analysis, TextScoring scoring, int exactBelow) {
        this.manager = manager;
        this.exactBelow = exactBelow;
        this.analysis = analysis;
        this.scoring = scoring;
        // Norms hold only the field length, so k1 and b can change at search time, index untouched.
        this.similarity = new BM25Similarity((float) scoring.k1(), (float) scoring.b());
    }

    @Override
    public Retrieval retrieve(String text, float[] vector, int depth) {
        if (depth < 1) throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        IndexSearcher acquired;
        try {
            acquired = manager.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // A searcher of our own over the shared snapshot, as the shared one's similarity must not change.
            IndexSearcher searcher = new IndexSearcher(acquired.getIndexReader());
            searcher.setSimilarity(similarity);
            Map<Language, Analyzer> analyzers = text == null ? null : queryAnalyzers(searcher);
            Query bm25 = text == null ? null : TextQueries.scored(analyzers, scoring, text);
            QueryTerms terms = bm25 == null ? null : QueryTerms.of(searcher.getIndexReader(), analyzers, text);
            Map<Integer, double[]> found = new HashMap<>(); // doc -> {bm25, cosine, bm25Rank, vectorRank}
            if (bm25 != null) {
                ScoreDoc[] docs = searcher.search(bm25, depth).scoreDocs;
                for (int i = 0; i < docs.length; i++) {
                    found.put(docs[i].doc, new double[] {docs[i].score, Double.NaN, i + 1, 0});
                }
            }
            if (vector != null) {
                ScoreDoc[] docs = searcher.getIndexReader().numDocs() < exactBelow
                        ? ExactKnn.search(searcher, vector, depth)
                        : searcher.search(new KnnFloatVectorQuery(ChunkFields.VECTOR, vector, depth), depth).scoreDocs;
                for (int i = 0; i < docs.length; i++) {
                    // Lucene scores DOT_PRODUCT as (1 + dot) / 2; the vectors are unit length, so dot = cosine.
                    double cosine = 2.0 * docs[i].score - 1.0;
                    double[] f = found.computeIfAbsent(docs[i].doc, d -> new double[] {Double.NaN, Double.NaN, 0, 0});
                    f[1] = cosine;
                    f[3] = i + 1;
                }
            }
            ExactScores.fill(searcher, found, bm25, vector);
            List<Candidate> candidates = new ArrayList<>(found.size());
            found.forEach((doc, f) -> candidates.add(new Candidate(doc, f[0], f[1], (int) f[2], (int) f[3])));
            return new LuceneRetrieval(manager, acquired, candidates, terms);
        } catch (IOException | RuntimeException e) {
            release(acquired);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    @Override
    public List<DocumentMatch> matchDocuments(DocumentMatchQuery query) {
        IndexSearcher acquired;
        try {
            acquired = manager.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            IndexSearcher searcher = new IndexSearcher(acquired.getIndexReader());
            searcher.setSimilarity(similarity);
            Map<Language, Analyzer> analyzers = queryAnalyzers(searcher);
            Query scored = query.hasText() ? TextQueries.scored(analyzers, scoring, query.text()) : null;
            return DocumentMatcher.match(searcher, analyzers, query, scored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(acquired);
        }
    }

    /** One analyzer per language with chunks in the snapshot: the query is analysed for each. */
    private Map<Language, Analyzer> queryAnalyzers(IndexSearcher searcher) {
        Map<Language, Analyzer> analyzers = new EnumMap<>(Language.class);
        for (Language l : MultilingualAnalysis.inUse(searcher.getIndexReader(), ChunkFields.SEARCH)) {
            analyzers.put(l, analysis.of(l));
        }
        return analyzers;
    }

    private void release(IndexSearcher searcher) {
        try {
            manager.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
