package dev.docent.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.docent.embedder.Embedder;
import dev.docent.embedder.Embedders;
import dev.docent.retriever.SearchMode;
import dev.docent.web.DocentConfig;
import dev.docent.web.Main;
import dev.docent.web.eval.BeirEvaluator;
import dev.docent.web.eval.BeirSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code eval}: retrieval quality of every search mode on a BEIR-format set. */
public final class EvalCommand implements Main.Command {

    @Override
    public String usage() {
        return """
                Usage: ./docent eval [--json] [--limit N] [--data DIR] [--embedding-model NAME] BEIR_DIR

                Embeds the BEIR corpus once (cached under DIR/eval/), then reports nDCG@10, Recall@100
                and MRR@10 on qrels/test.tsv for BM25, vector and hybrid search.
                  --json            machine-readable output
                  --limit N         evaluate only the first N test queries
                  --data DIR        where the evaluation index is cached (default: per-user data directory)
                  --embedding-model NAME
                                    compare another embedding model (its artifact must be on the classpath)
                """;
    }

    @Override
    public int run(String[] argv) {
        Args args = Args.parse(argv, Set.of("limit", "data", "embedding-model"), Set.of("json"));
        String model = args.has("embedding-model") ? args.get("embedding-model") : Embedders.DEFAULT_MODEL;
        if (args.positional().size() != 1) throw new UsageException("give exactly one BEIR_DIR");
        DocentConfig config = Common.config(args);
        Path dir = Path.of(args.positional().getFirst()).toAbsolutePath().normalize();
        BeirSet set = BeirSet.load(dir);
        int limit = args.intValue("limit", 0, 0, Integer.MAX_VALUE);
        boolean json = args.has("json");
        var log = json ? System.err : System.out;
        log.printf("%s: %d documents, %d test queries%n", dir.getFileName(), set.corpus().size(), set.queries().size());
        Map<SearchMode, BeirEvaluator.Scores> scores;
        try (Embedder embedder = Embedders.byName(model, config.embedderThreads())) {
            Path cache = config.dataDir().resolve("eval").resolve(dir.getFileName().toString()).resolve(model);
            scores = new BeirEvaluator(embedder, log).evaluate(set, cache, limit);
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("set", dir.getFileName().toString());
            out.put("embedding_model", model);
            scores.forEach((mode, s) -> out.put(mode.name().toLowerCase(java.util.Locale.ROOT),
                    Map.of("ndcg@10", s.ndcg10(), "recall@100", s.recall100(), "mrr@10", s.mrr10(), "queries", s.queries())));
            try {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            System.out.printf("%-8s %8s %10s %7s%n", "mode", "nDCG@10", "Recall@100", "MRR@10");
            scores.forEach((mode, s) -> System.out.printf("%-8s %8.4f %10.4f %7.4f%n",
                    mode.name().toLowerCase(java.util.Locale.ROOT), s.ndcg10(), s.recall100(), s.mrr10()));
        }
        return 0;
    }
}
