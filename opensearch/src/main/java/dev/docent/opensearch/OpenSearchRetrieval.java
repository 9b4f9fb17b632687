package dev.docent.opensearch;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.Fused;
import dev.docent.retriever.Hit;
import dev.docent.retriever.Retrieval;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Candidates whose ids index the chunks the searches returned. Those chunks (fields and vectors)
 * came with the answers, so citing them needs no further request, and a refresh meanwhile changes
 * nothing: the snapshot is the one searched.
 */
final class OpenSearchRetrieval implements Retrieval {

    /** A candidate's chunk and the BM25 clauses it matched. */
    record Entry(FoundChunk chunk, Set<String> matched) {}

    private final List<Candidate> candidates;
    private final List<Entry> entries;
    private final TermWeights weights;
    private volatile boolean closed;

    /** @param weights the query's weighted terms, or null without query text */
    OpenSearchRetrieval(List<Candidate> candidates, List<Entry> entries, TermWeights weights) {
        this.candidates = List.copyOf(candidates);
        this.entries = List.copyOf(entries);
        this.weights = weights;
    }

    @Override
    public List<Candidate> candidates() {
        return candidates;
    }

    @Override
    public List<Hit> hits(List<Fused> ranked) {
        if (closed) throw new IllegalStateException("retrieval already closed");
        List<Hit> out = new ArrayList<>(ranked.size());
        for (Fused f : ranked) {
            Candidate c = f.candidate();
            Entry e = entries.get(c.id());
            Hit hit = e.chunk().toHit(f.score(), c.bm25(), c.cosine());
            out.add(weights == null ? hit : weights.withTextMatch(hit, e.matched()));
        }
        return out;
    }

    @Override
    public float[] vector(Candidate candidate) {
        if (closed) throw new IllegalStateException("retrieval already closed");
        return entries.get(candidate.id()).chunk().vector();
    }

    @Override
    public void close() {
        closed = true;
    }
}
