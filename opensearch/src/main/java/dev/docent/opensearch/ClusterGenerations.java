package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generations of index {@code NAME} on a cluster ({@code NAME-FINGERPRINT} + its records),
 * and their pruning. A writer whose recipe changed leaves its old generation's indices on the
 * cluster, since other writers may still write there ({@link ClusterStorage#dropped}); this is
 * where a user deletes them, safely:
 * <ul>
 *   <li>the generation the alias names is never deleted, even when forced;
 *   <li>a generation written within {@link #QUIET} (created, or a writer committed there) is kept:
 *       a writer may be syncing or building it;
 *   <li>one created after the active generation is kept: a writer may be building it (it becomes
 *       active when complete);
 *   <li>one with a writer that has not moved to the active generation is kept: that writer still
 *       answers from it, or will write there again. A writer has moved when its commit marker in the
 *       active generation is later than its marker in this one; one that wrote here without a
 *       marker, or whose markers predate their time stamps, has not (it moves at its next commit).
 * </ul>
 * {@code force} overrides all but the first (the user knows the old writers are gone for good).
 */
public final class ClusterGenerations {

    private static final Logger log = LoggerFactory.getLogger(ClusterGenerations.class);

    /** How long after its last write a generation counts as possibly in use. */
    public static final Duration QUIET = Duration.ofHours(1);

    private final OpenSearchConnection connection;
    private final String name;
    /** {@code NAME-} + a recipe's fingerprint (12 hex digits), or the first generation's "first". */
    private final Pattern generationIndex;

    public ClusterGenerations(OpenSearchConnection connection, String name) {
        this.connection = connection;
        this.name = name;
        this.generationIndex = Pattern.compile(Pattern.quote(name) + "-([0-9a-f]{12}|first)");
    }

    /** What {@link #prune} did with one generation: deleted, or kept and why. */
    public record Outcome(ClusterGeneration generation, boolean deleted, List<String> refusals) {}

    /** The index name's generations, oldest first. */
    public List<ClusterGeneration> list() {
        String active = aliasTarget();
        JsonNode cat = connection.callOrNull("GET", "/_cat/indices/" + name + "-*",
                Map.of("format", "json", "bytes", "b", "h", "index,docs.count,store.size,creation.date"), null);
        Map<String, JsonNode> rows = new HashMap<>();
        if (cat != null) cat.forEach(r -> rows.put(r.path("index").asText(), r));
        Map<String, Marker> activeMarkers = active == null ? Map.of() : markers(active);
        List<ClusterGeneration> found = new ArrayList<>();
        for (var row : rows.entrySet()) {
            String index = row.getKey();
            if (!generationIndex.matcher(index).matches()) continue;
            JsonNode records = rows.get(index + "-documents");
            long bytes = row.getValue().path("store.size").asLong() + (records == null ? 0 : records.path("store.size").asLong());
            Instant created = Instant.ofEpochMilli(row.getValue().path("creation.date").asLong());
            boolean isActive = index.equals(active);
            Map<String, Marker> here = isActive ? activeMarkers : markers(index);
            Map<String, Long> documents = documentsByOwner(index);
            List<ClusterGeneration.Writer> writers = new ArrayList<>();
            for (String owner : new TreeSet<>(union(documents.keySet(), here.keySet()))) {
                Marker m = here.get(owner);
                boolean moved = !isActive && m != null && moved(m, activeMarkers.get(owner));
                writers.add(new ClusterGeneration.Writer(owner, documents.getOrDefault(owner, 0L),
                        m == null ? null : m.at(), m != null, moved));
            }
            found.add(new ClusterGeneration(index, recipeOf(index), row.getValue().path("docs.count").asLong(), bytes, created,
                    isActive, writers));
        }
        found.sort(Comparator.comparing(ClusterGeneration::created));
        return found;
    }

    /**
     * Why {@code g} may not be deleted now, in words for the user; empty when it may. The first
     * reason, if the alias names it, holds even when forced.
     */
    public List<String> refusals(ClusterGeneration g, ClusterGeneration active, Instant now) {
        List<String> why = new ArrayList<>();
        if (g.active()) {
            why.add("the alias " + name + " names it: it is the generation that answers");
            return why;
        }
        Instant last = g.lastWrite();
        if (last != null && last.isAfter(now.minus(QUIET))) {
            why.add("written " + Duration.between(last, now).toMinutes() + " min ago (less than " + QUIET.toMinutes()
                    + " min): a writer may be syncing or building it");
        }
        if (active != null && g.created().isAfter(active.created())) {
            why.add("newer than the active generation: a writer may be building it (it becomes active when complete)");
        }
        List<String> staying = g.writers().stream().filter(w -> !w.movedToActive()).map(w -> w.owner()
                + (w.hasMarker() ? (w.lastCommit() == null ? " (committed before commit times were recorded)" : "")
                        : " (wrote without committing)")).toList();
        if (!staying.isEmpty()) {
            why.add("writers that have not committed to the active generation since: " + String.join(", ", staying)
                    + "; each moves at its first commit under the new recipe (any change in its folders), or is gone for good");
        }
        return why;
    }

    /**
     * Deletes every generation the alias does not name and {@link #refusals} allows ({@code force}:
     * all but the active one), each chunk index with its record index; returns what happened to each.
     */
    public List<Outcome> prune(Instant now, boolean force) {
        List<ClusterGeneration> all = list();
        ClusterGeneration active = all.stream().filter(ClusterGeneration::active).findFirst().orElse(null);
        List<Outcome> outcomes = new ArrayList<>();
        for (ClusterGeneration g : all) {
            List<String> why = refusals(g, active, now);
            boolean allowed = !g.active() && (why.isEmpty() || force);
            // The alias may have moved since the listing (a writer's switch): never delete what it names.
            if (allowed && g.index().equals(aliasTarget())) {
                why = List.of("the alias " + name + " moved to it meanwhile");
                allowed = false;
            }
            if (allowed) {
                connection.call("DELETE", "/" + g.index() + "," + g.index() + "-documents",
                        Map.of("ignore_unavailable", "true"), null);
                log.info("Deleted generation {} of {} ({} chunks){}", g.index(), name, g.chunks(), why.isEmpty() ? "" : " (forced: " + why + ")");
            }
            outcomes.add(new Outcome(g, allowed, why));
        }
        return outcomes;
    }

    /** The index the alias names, or null. */
    private String aliasTarget() {
        JsonNode aliased = connection.callOrNull("GET", "/_alias/" + name, null, null);
        return aliased == null || aliased.size() != 1 ? null : aliased.fieldNames().next();
    }

    private record Marker(long sequence, Instant at) {}

    /** Each owner's commit marker in generation {@code index}. */
    private Map<String, Marker> markers(String index) {
        // Records and markers a writer sent but did not commit are seen only after a refresh (the
        // record index only: the chunks readers search are not touched).
        connection.callOrNull("POST", "/" + index + "-documents/_refresh", Map.of(), null);
        Map<String, Marker> markers = new HashMap<>();
        IndexScan.scan(connection, index + "-documents", List.of(IndexScan.exists(ChunkMapping.SEQUENCE)), List.of(ChunkMapping.OWNER),
                List.of(ChunkMapping.OWNER, ChunkMapping.SEQUENCE, ChunkMapping.COMMITTED_AT), hit -> {
                    JsonNode s = hit.path("_source");
                    JsonNode at = s.path(ChunkMapping.COMMITTED_AT);
                    markers.put(s.path(ChunkMapping.OWNER).asText(),
                            new Marker(s.path(ChunkMapping.SEQUENCE).asLong(), at.isNumber() ? Instant.ofEpochMilli(at.asLong()) : null));
                });
        return markers;
    }

    /** An owner moved when it committed to the active generation after its last commit here. */
    private static boolean moved(Marker here, Marker inActive) {
        if (inActive == null || inActive.at() == null) return false;
        return here.at() == null || !here.at().isAfter(inActive.at());
    }

    /** How many records (paths) each owner has in generation {@code index}. */
    private Map<String, Long> documentsByOwner(String index) {
        ObjectNode body = OpenSearchConnection.json().createObjectNode().put("size", 0);
        body.putObject("query").putObject("bool").putArray("filter").add(IndexScan.exists(ChunkMapping.PATH));
        body.putObject("aggs").putObject("owners").putObject("terms").put("field", ChunkMapping.OWNER).put("size", 10_000);
        JsonNode answer = connection.callOrNull("POST", "/" + index + "-documents/_search", Map.of(), body);
        Map<String, Long> counts = new LinkedHashMap<>();
        if (answer != null) {
            answer.path("aggregations").path("owners").path("buckets")
                    .forEach(b -> counts.put(b.path("key").asText(), b.path("doc_count").asLong()));
        }
        return counts;
    }

    private String recipeOf(String index) {
        return OpenSearchIndex.openReadOnly(connection, index).recipe();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
