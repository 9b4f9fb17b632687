package dev.docent.assistant;

import dev.docent.indexer.GenerationStatus;
import dev.docent.indexer.IndexStatus;
import dev.docent.llm.Generator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docent's status as one JSON-ready map: what {@code GET /api/status}, its event stream and the MCP
 * {@code status} tool (stdio and HTTP alike) report. Built here, in the core, so every adapter says
 * the same thing in the same shape.
 */
public final class StatusReport {

    private StatusReport() {}

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The file being extracted, and what a long extraction is doing ("OCR of page 3 of 40"), or null. */
    private static Map<String, Object> reading(IndexStatus.Reading r) {
        if (r == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", r.path());
        out.put("doing", r.doing());
        return out;
    }

    /**
     * Where the index lives and whether it answers now: {@code engine} (lucene, opensearch), for a
     * cluster its {@code hosts}, index {@code name} and, for a writer, its {@code owner}; {@code available}
     * and, when not, the {@code problem} in words a user can act on. A read-only server on a shared
     * index adds {@code documents_synced_at}: when its documents list last matched the writers'
     * published catalogs (it keeps its last copy while the cluster does not answer, and the problem
     * says so), and {@code documents_problem}: why its last refresh failed, or null.
     */
    static Map<String, Object> index(IndexPlace place, boolean readOnly,
            java.util.Optional<dev.docent.indexer.publish.CatalogMirror.State> mirror) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", place.engine());
        if (place.hosts() != null) {
            out.put("hosts", place.hosts());
            out.put("name", place.indexName());
            if (!readOnly) out.put("owner", place.owner()); // a reader writes nothing, so owns nothing
        }
        String problem = place.problem();
        if (mirror.isPresent()) {
            out.put("documents_synced_at", mirror.get().syncedAt() == null ? null : mirror.get().syncedAt().toString());
            out.put("documents_problem", mirror.get().problem()); // e.g. the catalog index alone refused the read
            if (problem != null) problem += "; the documents list is the copy of " + mirror.get().syncedAt();
        }
        out.put("available", problem == null);
        out.put("problem", problem);
        return out;
    }

    /** What {@code GET /api/status} reports (also the MCP {@code status} tool). */
    public static Map<String, Object> of(Docent docent) {
        IndexStatus s = docent.indexer().status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("documents", Map.of("indexed", s.indexed(), "pending", s.pending(), "failed", s.failed()));
        out.put("chunks", s.chunks() < 0 ? null : s.chunks());
        out.put("index", index(docent.indexPlace(), docent.readOnly(), docent.indexer().catalogMirror()));
        out.put("indexing", s.indexing());
        out.put("generation", generation(docent.indexer().generationStatus()));
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("done", s.done());
        progress.put("total", s.toProcess());
        progress.put("current", s.current());
        progress.put("reading", reading(s.reading()));
        var t = s.throughput(); // measured over the running sync; null fields while idle
        progress.put("queued", t == null ? 0 : t.queued());
        progress.put("failed", t == null ? 0 : t.failed());
        progress.put("chunks", t == null ? 0 : t.chunks());
        progress.put("files_per_second", t == null ? null : round(t.filesPerSecond()));
        progress.put("chunks_per_second", t == null ? null : round(t.chunksPerSecond()));
        progress.put("eta_seconds", t == null || t.etaSeconds() < 0 ? null : t.etaSeconds());
        out.put("progress", progress);
        out.put("folders", docent.folders().stream().map(Object::toString).toList());
        var generator = docent.generator();
        out.put("mode", generator != null ? "generative" : "extractive");
        out.put("model", generator != null ? generator.modelName() : null);
        Map<String, Object> llm = new LinkedHashMap<>();
        llm.put("loaded", generator != null);
        var switching = docent.models().state();
        if (generator != null) {
            if (generator.endpoint() == null) llm.put("path", String.valueOf(switching.activePath()));
            llm.put("context_size", generator.contextSize());
        } else {
            llm.put("reason", switching.loading() != null ? "loading " + switching.loading() + "; answers quote passages meanwhile"
                    : docent.llmProblem() != null && switching.activePath() == null && switching.failure() == null ? docent.llmProblem()
                    : "no model chosen: pick one in the page, pass --model NAME (./docent models lists them) or set llm.model");
        }
        llm.put("loading", switching.loading());
        llm.put("switch_error", switching.failure() == null ? null
                : Map.of("model", switching.failedModel(), "reason", switching.failure()));
        out.put("llm", llm);
        out.put("generator", generatorStatus(generator));
        out.put("last_sync_error", docent.lastSyncError());
        // Up to date: the watched folders were looked through and everything found is indexed or failed.
        var syncedAt = docent.lastSyncAt();
        out.put("synced_at", syncedAt == null ? null : syncedAt.toString());
        out.put("up_to_date", syncedAt != null && !s.indexing() && s.pending() == 0 && docent.lastSyncError() == null
                && !docent.syncDue()); // a change seen but not yet synced, or an overdue check, is not "up to date"
        // What the last walk left out (unreadable folders, links leading outside, ...): the first 100.
        out.put("skipped", s.skipped()); // records: {"path": ..., "reason": ...}
        out.put("skipped_count", s.skippedCount());
        out.put("data_dir", docent.config().dataDir().toString());
        out.put("read_only", docent.readOnly()); // ask and mcp read what serve or index wrote; they index nothing
        return out;
    }

    /**
     * Which index generation answers and, while a changed model or chunking is being built into
     * a new one, its progress: {@code {"active": id, "recipe": ..., "rebuilding": {"generation",
     * "reason", "done", "total", "message"} or null}}.
     */
    public static Map<String, Object> generation(GenerationStatus g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", g.active());
        out.put("recipe", g.activeRecipe());
        Map<String, Object> rebuilding = null;
        if (g.rebuild() != null) {
            var r = g.rebuild();
            rebuilding = new LinkedHashMap<>();
            rebuilding.put("generation", r.generation());
            rebuilding.put("recipe", r.recipe());
            rebuilding.put("reason", r.reason());
            rebuilding.put("done", r.done());
            rebuilding.put("total", r.total());
            rebuilding.put("message", r.message() + " (answers come from generation " + g.active() + " until then)");
        }
        out.put("rebuilding", rebuilding);
        return out;
    }

    /** Who writes the answers: {@code {"kind": "local"|"remote", "model": ..., "endpoint": URL or null}}, null when none. */
    public static Map<String, Object> generatorStatus(Generator generator) {
        if (generator == null) return null;
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("kind", generator.endpoint() == null ? "local" : "remote");
        g.put("model", generator.modelName());
        g.put("endpoint", generator.endpoint());
        return g;
    }

}
