package dev.docent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.docent.embedder.factory.Embedders;
import dev.docent.retriever.lucene.ChunkIndex;
import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.Relevance;
import dev.docent.retriever.TextScoring;
import dev.docent.retriever.VectorFormat;
import dev.docent.assistant.DocentConfig;
import dev.docent.eval.EvalBackend;
import dev.docent.eval.EvalModes;
import dev.docent.eval.EvalReport;
import dev.docent.eval.EvalRun;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code eval}: retrieval quality of search modes on a BEIR-format set. */
public final class EvalCommand implements Command {

    @Override
    public String usage() {
        return """
                Usage: ./docent eval [--json] [--mode LIST] [--model NAME] [--limit N] [--depth N]
                                     [--bm25 SETTINGS] [--long-queries] [--data DIR]
                                     [--backend lucene|opensearch --hosts URLS [--index NAME]] BEIR_DIR

                Embeds the BEIR corpus once (cached under DIR/eval/), then reports nDCG@10 (graded),
                Recall@100 and MRR@10 on qrels/test.tsv, and the search time per query (p50, p99; the
                query embedding is timed apart). BEIR conventions: a query's own id is removed from
                its ranking; qrels have a header row and may have CRLF line ends.
                  --json            machine-readable output; "default_mode" names the mode /ask uses
                  --mode LIST       modes, comma-separated (default: bm25,vector,rrf,hybrid):
                                    bm25, vector, hybrid (what /ask uses, now %s),
                                    or a fusion spec: rrf(k=60), wrrf(k=60,vector=0.7),
                                    convex(vector=0.6,norm=minmax|zscore); add +prf(docs=3,weight=1)
                                    for feedback on the query vector
                  --model NAME      embedding model (its artifact must be on the classpath; default %s)
                  --limit N         evaluate only the first N test queries
                  --depth N         candidates per retriever (default %d; at least 101 in evaluation)
                  --bm25 SETTINGS   BM25 scoring, e.g. k1=0.9,b=0.4,title=1,heading=0 (default %s)
                  --exact-knn-below N
                                    exact vector search below N chunks, HNSW above (default %d; 0: always HNSW)
                  --chunk-tokens N  cut documents with Docent's chunker at N tokens (default 0: one
                                    passage per document, as BEIR baselines do)
                  --unanswerable DIR
                                    also calibrate "found": this set's queries count as answerable, the
                                    test queries of the BEIR set in DIR as unanswerable against this corpus
                  --found-threshold T
                                    the threshold to report rates for (default %s)
                  --vectors FORMAT  how the index stores vectors: hnsw(m=16,beam=100) or int8(m=16,beam=100)
                                    (8-bit quantized graph); default %s. Pair with --exact-knn-below 0
                                    to measure the graph, as small sets are otherwise searched exactly
                  --long-queries    a long-query check instead of the set's queries: for each query with two or
                                    more relevant documents, one of them (title and text) is the query and the
                                    others are to be found (as in ArguAna; its own id is not ranked)
                  --data DIR        where the evaluation index is cached (default: per-user data directory)
                  --backend NAME    where the chunks are indexed and searched: lucene (default, the embedded
                                    index) or opensearch (a cluster; the same chunks, vectors, fusion and metrics)
                  --hosts URLS      the cluster's addresses, comma-separated: http://127.0.0.1:9200,...
                  --index NAME      the cluster's index (default docent-eval-SET), deleted and rebuilt at every
                                    run; an index holding chunks eval did not write is refused
                  --shards N        primary shards of that index (default 1; 1 replica each)
                  --credentials-env VAR
                                    the environment variable holding the cluster's user:password
                """.formatted(HybridSearch.DEFAULT_FUSION + "+" + HybridSearch.DEFAULT_FEEDBACK, Embedders.DEFAULT_MODEL, HybridSearch.DEFAULT_DEPTH,
                TextScoring.DEFAULT, ChunkIndex.EXACT_KNN_BELOW, Relevance.DEFAULT_FOUND_THRESHOLD, VectorFormat.DEFAULT);
    }

    @Override
    public int run(String[] argv) {
        Args args = Args.parse(argv, Set.of("limit", "data", "model", "embedding-model", "mode", "depth", "bm25",
                "exact-knn-below", "unanswerable", "found-threshold", "chunk-tokens", "vectors", "backend", "hosts", "index", "shards",
                "credentials-env"), Set.of("json", "long-queries"));
        if (args.positional().size() != 1) throw new UsageException("give exactly one BEIR_DIR");
        String model = args.has("model") ? args.get("model")
                : args.has("embedding-model") ? args.get("embedding-model") : Embedders.DEFAULT_MODEL;
        EvalRun run;
        try {
            run = new EvalRun(Path.of(args.positional().getFirst()).toAbsolutePath().normalize(), model,
                    args.has("mode") ? EvalModes.parse(args.get("mode")) : EvalModes.standard(),
                    args.intValue("depth", HybridSearch.DEFAULT_DEPTH, 1, 10_000),
                    args.has("bm25") ? TextScoring.parse(args.get("bm25")) : TextScoring.DEFAULT,
                    args.intValue("exact-knn-below", ChunkIndex.EXACT_KNN_BELOW, 0, Integer.MAX_VALUE),
                    args.intValue("chunk-tokens", 0, 0, 512),
                    args.intValue("limit", 0, 0, Integer.MAX_VALUE),
                    args.has("unanswerable") ? Path.of(args.get("unanswerable")).toAbsolutePath().normalize() : null,
                    args.has("found-threshold") ? Double.parseDouble(args.get("found-threshold")) : Relevance.DEFAULT_FOUND_THRESHOLD,
                    args.has("vectors") ? VectorFormat.parse(args.get("vectors")) : VectorFormat.DEFAULT,
                    args.has("long-queries"), backend(args));
        } catch (IllegalArgumentException e) { // includes a malformed number
            throw new UsageException(e.getMessage());
        }
        // --model names the embedding model here; the LLM flag of the other commands does not apply.
        DocentConfig config = Common.config(Args.parse(args.has("data") ? new String[] {"--data", args.get("data")} : new String[0],
                Set.of("data"), Set.of()));
        boolean json = args.has("json");
        EvalReport report = run.run(config.dataDir().resolve("eval"), config.embedderThreads(), json ? System.err : System.out);
        if (json) {
            try {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.json()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            report.printText(System.out);
        }
        return 0;
    }

    /** {@code --backend} and the cluster's options (which only {@code opensearch} takes). */
    private static EvalBackend backend(Args args) {
        String name = args.has("backend") ? args.get("backend") : "lucene";
        if (name.equals("lucene")) {
            for (String o : List.of("hosts", "index", "shards", "credentials-env")) {
                if (args.has(o)) throw new UsageException("--" + o + " is for --backend opensearch");
            }
            return new EvalBackend.Lucene();
        }
        if (!name.equals("opensearch")) throw new UsageException("--backend is lucene or opensearch, got '" + name + "'");
        if (!args.has("hosts")) throw new UsageException("--backend opensearch needs --hosts http://HOST:PORT[,...]");
        List<URI> hosts = Arrays.stream(args.get("hosts").split(",")).map(String::strip).filter(h -> !h.isEmpty()).map(URI::create).toList();
        for (URI h : hosts) {
            if (!("http".equals(h.getScheme()) || "https".equals(h.getScheme())) || h.getHost() == null || h.getPort() < 0) {
                throw new UsageException("--hosts: each host is http(s)://HOST:PORT, got '" + h + "'");
            }
        }
        String credentials = null;
        if (args.has("credentials-env")) {
            credentials = System.getenv(args.get("credentials-env"));
            if (credentials == null || !credentials.contains(":")) {
                throw new UsageException(args.get("credentials-env") + " must hold the cluster's user:password");
            }
        }
        return new EvalBackend.OpenSearch(hosts, args.has("index") ? args.get("index") : null, credentials,
                args.intValue("shards", 1, 1, 1000));
    }
}
