package dev.docent.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A long-query check built from a BEIR set, in the way ArguAna is built (its queries are whole
 * arguments, its relevant document the counter-argument, and every query is also in the corpus):
 * for a query with at least two relevant documents, the best graded of them (ties: the first in
 * the qrels file) becomes the query, its whole title and text, under its own document id (so
 * {@link Metrics#documentRanking} removes it, as BEIR's {@code ignore_identical_ids} does), and the
 * query's other relevant documents, with their grades, are what it should find. A passage about the
 * same topic asks for its neighbours, with the paragraph-long wording of ArguAna's queries rather
 * than a question's.
 *
 * <p>Pairs come from {@code qrels/test.tsv} first, then {@code dev.tsv} and {@code train.tsv}
 * (SciFact's test split has only 23 queries with two relevant documents), up to {@link #MAX}
 * queries; each document is a query once at most.
 */
final class LongQueries {

    /** Enough queries for a mean to move by less than about 0.01 between halves; each is embedded once. */
    static final int MAX = 300;
    private static final List<String> SPLITS = List.of("test", "dev", "train");

    private LongQueries() {}

    /** The long-query set of {@code set} (loaded from {@code dir}), over the same corpus. */
    static BeirSet of(Path dir, BeirSet set) {
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String split : SPLITS) {
            Path file = dir.resolve("qrels").resolve(split + ".tsv");
            if (!Files.isRegularFile(file)) continue;
            for (Map<String, Integer> relevant : read(file).values()) {
                if (queries.size() == MAX) break;
                List<Map.Entry<String, Integer>> docs = new ArrayList<>(relevant.entrySet());
                docs.removeIf(e -> e.getValue() <= 0 || !set.corpus().containsKey(e.getKey()));
                if (docs.size() < 2) continue;
                docs.sort(Comparator.comparingInt(e -> -e.getValue())); // stable: qrels order among equal grades
                String source = docs.stream().map(Map.Entry::getKey).filter(id -> !used.contains(id)).findFirst().orElse(null);
                if (source == null) continue;
                used.add(source);
                String[] tt = set.corpus().get(source);
                queries.put(source, tt[0].isEmpty() ? tt[1] : tt[0] + "\n" + tt[1]);
                Map<String, Integer> targets = new LinkedHashMap<>();
                for (var e : docs) if (!e.getKey().equals(source)) targets.put(e.getKey(), e.getValue());
                qrels.put(source, targets);
            }
        }
        return new BeirSet(set.corpus(), queries, qrels);
    }

    /** Query id → (document id → grade), in file order; header row and CRLF as BEIR writes them. */
    private static Map<String, Map<String, Integer>> read(Path file) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.strip().split("\t");
                if (f.length < 3 || f[0].equals("query-id")) continue;
                out.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Integer.parseInt(f[2].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
