package dev.docent.retriever.lucene;

import dev.docent.retriever.analysis.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;

/**
 * A query's analysed terms per language, each weighted by its BM25 idf in one snapshot: evidence
 * for confidence beyond the cosine. {@link #coverage} says how much of the question a chunk
 * contains (an off-topic question's rare words are missing from every chunk, however close its
 * embedding lands), {@link #ceiling} what BM25 could give at most, to put a raw score on a scale
 * that does not grow with the question's length.
 */
final class QueryTerms {

    /** A term and its idf, {@code log(1 + (N - df + 0.5) / (df + 0.5))} as Lucene's BM25 computes it. */
    record Weighted(Term term, double idf) {}

    private final Map<Language, List<Weighted>> byLanguage;

    QueryTerms(Map<Language, List<Weighted>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** The terms of {@code text} as each language's analyzer reads it, weighted in {@code reader}. */
    static QueryTerms of(IndexReader reader, Map<Language, Analyzer> analyzers, String text) {
        Map<Language, List<Weighted>> out = new EnumMap<>(Language.class);
        try {
            for (var e : TextQueries.analysed(analyzers, text).entrySet()) {
                String field = e.getKey().field(ChunkFields.SEARCH);
                int docCount = reader.getDocCount(field);
                List<Weighted> terms = new ArrayList<>();
                for (String t : e.getValue()) {
                    Term term = new Term(field, t);
                    terms.add(new Weighted(term, idf(docCount, reader.docFreq(term))));
                }
                if (!terms.isEmpty()) out.put(e.getKey(), terms);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new QueryTerms(out);
    }

    /** Lucene's BM25 idf; a term no chunk has gets the highest idf the index allows. */
    static double idf(int docCount, int docFreq) {
        return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
    }

    boolean isEmpty() {
        return byLanguage.isEmpty();
    }

    /**
     * For chunk {@code doc}: the idf-weighted share of the query's terms it contains and the sum of
     * the query's idf, both in the language whose terms it matches best (a chunk is indexed in one
     * language's fields). {0, ceiling of the first language} when it contains none.
     */
    double[] coverageAndCeiling(IndexReader reader, int doc) {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        double bestShare = 0, bestCeiling = Double.NaN;
        try {
            for (List<Weighted> terms : byLanguage.values()) {
                double ceiling = 0, present = 0;
                for (Weighted w : terms) {
                    ceiling += w.idf();
                    if (contains(leaf, w.term(), local)) present += w.idf();
                }
                if (Double.isNaN(bestCeiling) || (ceiling > 0 && present / ceiling > bestShare)) {
                    bestShare = ceiling > 0 ? present / ceiling : 0;
                    bestCeiling = ceiling;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new double[] {bestShare, bestCeiling};
    }

    private static boolean contains(LeafReaderContext leaf, Term term, int doc) throws IOException {
        Terms terms = leaf.reader().terms(term.field());
        if (terms == null) return false;
        TermsEnum te = terms.iterator();
        if (!te.seekExact(term.bytes())) return false;
        PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
        return postings.advance(doc) == doc;
    }
}
