package dev.docent.retriever.lucene;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.Fused;
import dev.docent.retriever.Hit;
import dev.docent.retriever.Retrieval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/** Candidates whose ids are Lucene doc ids of the snapshot this holds until closed. */
final class LuceneRetrieval implements Retrieval {

    private final SearcherManager manager;
    private final IndexSearcher searcher;
    private final List<Candidate> candidates;
    private final QueryTerms terms;
    private boolean closed;

    /** @param terms the query's weighted terms, or null without query text */
    LuceneRetrieval(SearcherManager manager, IndexSearcher searcher, List<Candidate> candidates, QueryTerms terms) {
        this.manager = manager;
        this.searcher = searcher;
        this.candidates = List.copyOf(candidates);
        this.terms = terms;
    }

    @Override
    public List<Candidate> candidates() {
        return candidates;
    }

    @Override
    public List<Hit> hits(List<Fused> ranked) {
        if (closed) throw new IllegalStateException("retrieval already closed");
        try {
            StoredFields stored = searcher.storedFields();
            List<Hit> out = new ArrayList<>(ranked.size());
            for (Fused f : ranked) {
                Candidate c = f.candidate();
                Hit hit = ChunkFields.toHit(stored.document(c.id()), f.score(), c.bm25(), c.cosine());
                if (terms != null) {
                    // Only for the hits shown, not every candidate: a postings seek per query term each.
                    double[] cc = terms.coverageAndCeiling(searcher.getIndexReader(), c.id());
                    hit = hit.withTextMatch(cc[0], cc[1] > 0 ? c.bm25() / cc[1] : 0);
                }
                out.add(hit);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public float[] vector(Candidate candidate) {
        if (closed) throw new IllegalStateException("retrieval already closed");
        try {
            var leaves = searcher.getIndexReader().leaves();
            var leaf = leaves.get(ReaderUtil.subIndex(candidate.id(), leaves));
            FloatVectorValues values = leaf.reader().getFloatVectorValues(ChunkFields.VECTOR);
            if (values == null) return null;
            KnnVectorValues.DocIndexIterator it = values.iterator();
            int doc = candidate.id() - leaf.docBase;
            return it.advance(doc) == doc ? values.vectorValue(it.index()).clone() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            manager.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
