package dev.docent.retriever.lucene;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Fills in the scores a retriever did not report: BM25 for chunks only the vector search found
 * and cosine for chunks only BM25 found. Exact, and cheap: at most one scorer advance or one
 * vector read per candidate, visited in document order per segment.
 */
final class ExactScores {

    private ExactScores() {}

    /** {@code found}: doc → {bm25, cosine, ...}, NaN where a score is still missing. */
    static void fill(IndexSearcher searcher, Map<Integer, double[]> found, Query bm25, float[] vector) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Weight weight = bm25 == null ? null : searcher.createWeight(searcher.rewrite(bm25), ScoreMode.COMPLETE, 1f);
        Map<Integer, Map<Integer, double[]>> byLeaf = new TreeMap<>();
        for (var e : found.entrySet()) {
            int leaf = ReaderUtil.subIndex(e.getKey(), leaves);
            byLeaf.computeIfAbsent(leaf, l -> new TreeMap<>()).put(e.getKey() - leaves.get(leaf).docBase, e.getValue());
        }
        for (var leafEntry : byLeaf.entrySet()) {
            LeafReaderContext ctx = leaves.get(leafEntry.getKey());
            Scorer scorer = weight == null ? null : weight.scorer(ctx); // null: no term of the query in this segment
            DocIdSetIterator textDocs = scorer == null ? null : scorer.iterator();
            FloatVectorValues vectors = vector == null ? null : ctx.reader().getFloatVectorValues(ChunkFields.VECTOR);
            KnnVectorValues.DocIndexIterator vectorDocs = vectors == null ? null : vectors.iterator();
            for (var docEntry : leafEntry.getValue().entrySet()) { // ascending doc ids
                int doc = docEntry.getKey();
                double[] f = docEntry.getValue();
                if (Double.isNaN(f[0])) f[0] = bm25Of(scorer, textDocs, doc);
                if (vector != null && Double.isNaN(f[1]) && vectorDocs != null) {
                    if (vectorDocs.docID() < doc) vectorDocs.advance(doc);
                    if (vectorDocs.docID() == doc) f[1] = dot(vector, vectors.vectorValue(vectorDocs.index()));
                }
            }
        }
        for (double[] f : found.values()) {
            if (Double.isNaN(f[0])) f[0] = 0; // no text query: no BM25 evidence
        }
    }

    private static double bm25Of(Scorer scorer, DocIdSetIterator it, int doc) throws IOException {
        if (scorer == null) return 0;
        if (it.docID() < doc) it.advance(doc);
        return it.docID() == doc ? scorer.score() : 0; // the chunk shares no term with the query
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
