package dev.docent.opensearch;

import dev.docent.retriever.Candidate;
import dev.docent.retriever.Fused;
import dev.docent.retriever.Hit;
import dev.docent.retriever.Retrieval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Candidates whose ids index the chunks the searches returned. Their stored fields came with the
 * answers, so citing them needs no further request; vectors are fetched when asked for (from the
 * last refresh: a chunk replaced since gives its new vector, or null if gone).
 */
final class OpenSearchRetrieval implements Retrieval {

    /** A candidate's chunk and the BM25 clauses it matched. */
    record Entry(FoundChunk chunk, Set<String> matched) {}

    private final List<Candidate> candidates;
    private final List<Entry> entries;
    /** Vectors asked for first are fetched with those of the candidates ranked this high by either retriever. */
    private static final int PREFETCH_RANK = 16;

    private final TermWeights weights;
    private final Function<List<String>, Map<String, float[]>> vectorLoader;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private boolean prefetched;

    /**
     * @param weights the query's weighted terms, or null without query text
     * @param vectorLoader the stored vectors of chunks by id
     */
    OpenSearchRetrieval(List<Candidate> candidates, List<Entry> entries, TermWeights weights,
            Function<List<String>, Map<String, float[]>> vectorLoader) {
        this.candidates = List.copyOf(candidates);
        this.entries = List.copyOf(entries);
        this.weights = weights;
        this.vectorLoader = vectorLoader;
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
    public synchronized float[] vector(Candidate candidate) {
        if (closed) throw new IllegalStateException("retrieval already closed");
        String id = entries.get(candidate.id()).chunk().id;
        if (!vectors.containsKey(id)) {
            // Feedback and evidence ask for the vectors of the best few: the first call fetches them
            // all in one request, any other one alone.
            List<String> ids = new ArrayList<>();
            ids.add(id);
            if (!prefetched) {
                prefetched = true;
                for (Candidate c : candidates) {
                    if (c.bestRank() <= PREFETCH_RANK && c.id() != candidate.id()) ids.add(entries.get(c.id()).chunk().id);
                }
            }
            vectors.putAll(vectorLoader.apply(ids));
        }
        return vectors.get(id);
    }

    /** Every vector not fetched yet in ONE request (with the prefetch of the best few on the first call). */
    @Override
    public synchronized List<float[]> vectors(List<Candidate> asked) {
        if (closed) throw new IllegalStateException("retrieval already closed");
        List<String> ids = new ArrayList<>();
        for (Candidate c : asked) {
            String id = entries.get(c.id()).chunk().id;
            if (!vectors.containsKey(id) && !ids.contains(id)) ids.add(id);
        }
        if (!ids.isEmpty() && !prefetched) {
            prefetched = true;
            for (Candidate c : candidates) {
                String id = entries.get(c.id()).chunk().id;
                if (c.bestRank() <= PREFETCH_RANK && !vectors.containsKey(id) && !ids.contains(id)) ids.add(id);
            }
        }
        if (!ids.isEmpty()) vectors.putAll(vectorLoader.apply(ids));
        List<float[]> out = new ArrayList<>(asked.size());
        for (Candidate c : asked) out.add(vectors.get(entries.get(c.id()).chunk().id));
        return out;
    }

    @Override
    public void close() {
        closed = true;
    }
}
