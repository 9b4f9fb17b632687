package dev.docent.assistant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys {@code docent.properties} may hold, and the refusal of any other: a misspelt key
 * ({@code llm.temprature}) would otherwise be ignored without a word and its setting silently not
 * applied. Every key here is documented in {@code config/docent.properties}.
 */
final class ConfigKeys {

    /** Every key Docent reads, by Java ({@link DocentConfig}, the CLI) or by the launcher ({@code jvm.max_heap}). */
    static final Set<String> KNOWN = Set.of(
            "data.dir", "jvm.max_heap", "server.port", "server.require_token", "server.shutdown_grace_seconds",
            "ask.top_k", "ask.found_threshold", "ask.max_question_chars", "ask.collection_check_documents",
            "ask.collection_model_seconds",
            "embedder.threads",
            "indexing.yield_to_answers", "indexing.respect_gitignore", "indexing.max_seconds_per_file",
            "indexing.max_file_mb", "indexing.ocr", "indexing.ocr_languages", "indexing.chunk_tokens",
            "watch.interval.seconds",
            "llm.model", "llm.context_size", "llm.threads", "llm.gpu_layers", "llm.temperature",
            "llm.max_answer_tokens", "llm.timeout_seconds", "llm.max_waiting",
            "llm.endpoint", "llm.endpoint_model", "llm.endpoint_context", "llm.endpoint_key_env",
            "llm.allow_remote_endpoint",
            "models.base_url",
            "index.backend", "index.opensearch.hosts", "index.opensearch.index", "index.opensearch.credentials_env",
            "index.opensearch.owner", "index.opensearch.replicas");

    private ConfigKeys() {}

    /** Each key of {@code file} → the line (1-based) that sets it (the last one, as Properties keeps the last). */
    static Map<String, Integer> lines(Path file) {
        Map<String, Integer> out = new HashMap<>();
        List<String> all;
        try {
            all = Files.readAllLines(file);
        } catch (IOException e) {
            return out;
        }
        boolean continued = false; // the previous line ended in a backslash: this one is its value going on
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i).strip();
            boolean startsKey = !continued && !line.isEmpty() && line.charAt(0) != '#' && line.charAt(0) != '!';
            continued = endsInOddBackslashes(line) && (continued || startsKey);
            if (!startsKey) continue;
            int end = 0;
            while (end < line.length() && "=: \t".indexOf(line.charAt(end)) < 0) end++;
            out.put(line.substring(0, end), i + 1);
        }
        return out;
    }

    private static boolean endsInOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) n++;
        return n % 2 == 1;
    }

    /**
     * @throws IllegalArgumentException naming the first unknown key, its line and the closest known key
     */
    static void refuseUnknown(Set<String> keys, Map<String, Integer> lines, Path file) {
        for (String key : new TreeSet<>(keys)) {
            if (KNOWN.contains(key)) continue;
            Integer line = lines.get(key);
            String closest = closest(key);
            throw new IllegalArgumentException(file + (line == null ? "" : " line " + line) + ": unknown setting '" + key + "'"
                    + (closest == null ? "" : "; did you mean '" + closest + "'?")
                    + " (every setting is listed in config/docent.properties)");
        }
    }

    /** The known key nearest to {@code key} by edit distance, if it is near enough to be a typo. */
    static String closest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : KNOWN) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
