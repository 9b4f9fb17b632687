package dev.docent.opensearch;

import java.time.Instant;
import java.util.List;

/**
 * One generation of a Docent index on the cluster, as {@link ClusterGenerations} lists it.
 *
 * @param index the chunk index ({@code NAME-FINGERPRINT}); its records are in {@code index-documents}
 * @param recipe the recipe its chunks were built under (from its mapping), or null
 * @param chunks how many chunks it holds (every owner's)
 * @param bytes its size on the cluster, both indices, replicas included
 * @param created when the chunk index was created
 * @param active whether the alias {@code NAME} names it (the generation that answers)
 * @param writers every owner with documents or a commit marker in it
 */
public record ClusterGeneration(String index, String recipe, long chunks, long bytes, Instant created, boolean active,
        List<Writer> writers) {

    public ClusterGeneration {
        writers = List.copyOf(writers);
    }

    /**
     * An owner's part in a generation.
     *
     * @param owner the writer's owner name ({@code index.opensearch.owner}, default {@code HOST:DATA_DIR})
     * @param documents how many documents (paths) it holds there
     * @param lastCommit when its commit marker there was written; null if it has none, or one from
     *     before markers carried their time
     * @param hasMarker whether it committed there at all (a writer that wrote but never committed has none)
     * @param movedToActive whether its last commit in the active generation is later than its last
     *     commit here: it writes the active generation now (always false for the active one itself)
     */
    public record Writer(String owner, long documents, Instant lastCommit, boolean hasMarker, boolean movedToActive) {}

    /** The latest of its creation and its writers' commits: when it was last written, as far as the cluster knows. */
    public Instant lastWrite() {
        Instant last = created;
        for (Writer w : writers) {
            if (w.lastCommit() != null && (last == null || w.lastCommit().isAfter(last))) last = w.lastCommit();
        }
        return last;
    }
}
