package dev.docent.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A BEIR-format set loaded into memory.
 *
 * @param corpus document id → title and text
 * @param queries query id → text, only queries that have test qrels
 * @param qrels query id → (document id → grade)
 */
public record BeirSet(Map<String, String[]> corpus, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {

    public static BeirSet load(Path dir) {
        ObjectMapper json = new ObjectMapper();
        Path qrelFile = dir.resolve("qrels").resolve("test.tsv");
        for (Path p : new Path[] {dir.resolve("corpus.jsonl"), dir.resolve("queries.jsonl"), qrelFile}) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("not a BEIR folder: " + p + " is missing");
            }
        }
        try {
            Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
            for (String line : Files.readAllLines(qrelFile)) {
                String[] f = line.strip().split("\t");
                if (f.length < 3 || f[0].equals("query-id")) continue;
                qrels.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Integer.parseInt(f[2].strip()));
            }
            Map<String, String> queries = new LinkedHashMap<>();
            try (BufferedReader r = Files.newBufferedReader(dir.resolve("queries.jsonl"))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank()) continue;
                    JsonNode n = json.readTree(line);
                    String id = n.get("_id").asText();
                    if (qrels.containsKey(id)) queries.put(id, n.get("text").asText());
                }
            }
            Map<String, String[]> corpus = new LinkedHashMap<>();
            try (BufferedReader r = Files.newBufferedReader(dir.resolve("corpus.jsonl"))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank()) continue;
                    JsonNode n = json.readTree(line);
                    String title = n.hasNonNull("title") ? n.get("title").asText() : "";
                    corpus.put(n.get("_id").asText(), new String[] {title, n.get("text").asText()});
                }
            }
            return new BeirSet(corpus, queries, qrels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read BEIR set " + dir + ": " + e.getMessage(), e);
        }
    }
}
