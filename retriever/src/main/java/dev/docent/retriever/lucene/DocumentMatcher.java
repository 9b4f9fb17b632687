package dev.docent.retriever.lucene;

import dev.docent.retriever.BackgroundCut;
import dev.docent.retriever.DocumentMatch;
import dev.docent.retriever.DocumentMatchQuery;
import dev.docent.retriever.Hit;
import dev.docent.retriever.Relevance;
import dev.docent.retriever.analysis.Language;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.VectorUtil;

/**
 * Document-level, exhaustive matching over one snapshot: every chunk that passes the text filter
 * (collected with its BM25 score, no top k), every chunk whose stored float vector has a dot
 * product with the query of at least the threshold (an exact scan), grouped by path. Stored fields
 * are read only for the passages returned. Without text or vector, {@link DocumentListing} lists.
 */
final class DocumentMatcher {

    /** A matching chunk: its doc id, raw BM25 (NaN until known), cosine (NaN without a vector). */
    private static final class Chunk {
        final int doc;
        double bm25 = Double.NaN;
        double cosine = Double.NaN;
        boolean text;

        Chunk(int doc) {
            this.doc = doc;
        }
    }

    /** Text matches first by BM25, then the rest by cosine, then index order. */
    private static final Comparator<Chunk> BEST_FIRST = Comparator.<Chunk, Boolean>comparing(c -> !c.text)
            .thenComparing(c -> c.text ? -c.bm25 : -c.cosine)
            .thenComparingInt(c -> c.doc);

    private DocumentMatcher() {}

    static List<DocumentMatch> match(IndexSearcher searcher, Map<Language, Analyzer> analyzers, DocumentMatchQuery q,
            Query scored) throws IOException {
        PathsOfDocs paths = PathsOfDocs.of(searcher.getIndexReader(), q.paths());
        if (!q.hasText() && q.vector() == null) {
            return DocumentListing.firstChunks(searcher.getIndexReader(), paths, searcher.storedFields(), q.passagesPerDocument());
        }
        Map<Integer, List<Chunk>> byPath = new HashMap<>(); // path id -> its matching chunks
        Map<Integer, Chunk> chunks = new HashMap<>(); // doc -> chunk
        Query required = q.hasText() ? MatchQueries.required(analyzers, q.text()) : null;
        if (required != null && scored != null) {
            var filtered = new BooleanQuery.Builder().add(scored, BooleanClause.Occur.MUST)
                    .add(required, BooleanClause.Occur.FILTER).build();
            searcher.search(filtered, new SimpleCollector() {
                private Scorable scorer;
                private int base;

                @Override
                protected void doSetNextReader(LeafReaderContext context) {
                    base = context.docBase;
                }

                @Override
                public void setScorer(Scorable s) {
                    scorer = s;
                }

                @Override
                public void collect(int doc) throws IOException {
                    int global = base + doc;
                    if (paths.pathId(global) < 0) return;
                    Chunk c = new Chunk(global);
                    c.bm25 = scorer.score();
                    c.text = true;
                    chunks.put(global, c);
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE;
                }
            });
        }
        double minCosine = q.minCosine();
        if (q.vector() != null) {
            minCosine = scanVectors(searcher, q, paths, chunks);
        }
        for (Chunk c : chunks.values()) byPath.computeIfAbsent(paths.pathId(c.doc), p -> new ArrayList<>()).add(c);
        StoredFields stored = searcher.storedFields();

        // The passages shown, and the BM25 of those only the vector found (one scorer advance each).
        Map<Integer, double[]> missingBm25 = new HashMap<>();
        List<List<Chunk>> passages = new ArrayList<>(byPath.size());
        for (List<Chunk> cs : byPath.values()) {
            cs.sort(BEST_FIRST);
            List<Chunk> shown = cs.subList(0, Math.min(cs.size(), q.passagesPerDocument()));
            for (Chunk c : shown) if (!c.text) missingBm25.put(c.doc, new double[] {Double.NaN, c.cosine});
            passages.add(shown);
        }
        ExactScores.fill(searcher, missingBm25, scored, null);
        int[] shownDocs = passages.stream().flatMap(List::stream).mapToInt(c -> c.doc).toArray();
        Map<Integer, Document> documents = BlockReads.load(searcher.getIndexReader(), stored, shownDocs);
        QueryTerms terms = scored == null ? null : QueryTerms.of(searcher.getIndexReader(), analyzers, q.text());
        List<DocumentMatch> out = new ArrayList<>(byPath.size());
        for (List<Chunk> shown : passages) {
            List<Chunk> all = byPath.get(paths.pathId(shown.getFirst().doc));
            boolean textMatch = false, vectorMatch = false;
            double score = Double.NEGATIVE_INFINITY;
            for (Chunk c : all) {
                textMatch |= c.text;
                vectorMatch |= c.cosine >= minCosine;
                double chunkScore = q.vector() != null ? c.cosine : c.bm25;
                if (!Double.isNaN(chunkScore)) score = Math.max(score, chunkScore);
            }
            List<Hit> hits = new ArrayList<>(shown.size());
            for (Chunk c : shown) {
                double bm25 = c.text ? c.bm25 : missingBm25.get(c.doc)[0];
                Hit hit = ChunkFields.toHit(documents.get(c.doc), q.vector() != null ? c.cosine : bm25, bm25, c.cosine);
                if (terms != null) {
                    double[] cc = terms.coverageAndCeiling(searcher.getIndexReader(), c.doc);
                    hit = hit.withTextMatch(cc[0], cc[1] > 0 ? bm25 / cc[1] : 0);
                }
                hits.add(hit);
            }
            out.add(new DocumentMatch(paths.path(shown.getFirst().doc), hits, textMatch, vectorMatch,
                    Double.isInfinite(score) ? 0 : score, all.size()));
        }
        out.sort(Comparator.comparingDouble(DocumentMatch::score).reversed().thenComparing(DocumentMatch::path));
        return out;
    }

    /**
     * Every chunk of an accepted document scored exactly: those at or above the threshold match.
     * With {@link DocumentMatchQuery#backgroundCut} the threshold is {@link BackgroundCut#of} the
     * accepted documents' best cosines, known only after the scan, so the chunks that may reach it
     * (at least {@link BackgroundCut#FLOOR}) are kept aside until then.
     *
     * @return the threshold applied
     */
    private static double scanVectors(IndexSearcher searcher, DocumentMatchQuery q, PathsOfDocs paths, Map<Integer, Chunk> chunks)
            throws IOException {
        float[] query = q.vector();
        boolean cut = q.backgroundCut();
        double keepFrom = cut ? Math.min(BackgroundCut.FLOOR, Relevance.DEFAULT_DOCUMENT_MATCH_COSINE) : q.minCosine();
        double[] best = cut ? new double[paths.size()] : null;
        if (cut) Arrays.fill(best, Double.NaN);
        List<Chunk> aside = cut ? new ArrayList<>() : null;
        for (LeafReaderContext ctx : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = ctx.reader().getFloatVectorValues(ChunkFields.VECTOR);
            if (values == null) continue;
            if (values.dimension() != query.length) {
                throw new IllegalArgumentException("query vector has " + query.length + " dimensions, the index " + values.dimension());
            }
            KnnVectorValues.DocIndexIterator it = values.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                int global = ctx.docBase + doc;
                int pathId = paths.pathId(global);
                if (pathId < 0) continue; // deleted, or a path the filter rejects
                double cosine = VectorUtil.dotProduct(query, values.vectorValue(it.index())); // unit vectors
                if (cut && !(best[pathId] >= cosine)) best[pathId] = cosine; // NaN: the path's first chunk
                Chunk c = chunks.get(global);
                if (c != null) {
                    c.cosine = cosine; // a text match: its cosine as evidence
                } else if (cosine >= keepFrom) {
                    c = new Chunk(global);
                    c.cosine = cosine;
                    if (cut) aside.add(c);
                    else chunks.put(global, c);
                }
            }
        }
        if (!cut) return q.minCosine();
        int n = 0;
        for (double b : best) if (!Double.isNaN(b)) best[n++] = b;
        double threshold = BackgroundCut.of(best, n);
        for (Chunk c : aside) if (c.cosine >= threshold) chunks.put(c.doc, c);
        return threshold;
    }
}
