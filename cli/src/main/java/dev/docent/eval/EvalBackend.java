package dev.docent.eval;

import dev.docent.embedder.Embedder;
import dev.docent.opensearch.OpenSearchConnection;
import dev.docent.opensearch.OpenSearchIndex;
import dev.docent.retriever.Searcher;
import dev.docent.retriever.lucene.ChunkIndex;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where an evaluation's chunks are indexed and searched: the embedded Lucene index (cached on
 * disk beside the vectors) or an index on an OpenSearch cluster. Only the {@link Searcher} differs:
 * the chunks and their vectors ({@link EvalChunks}), fusion, modes and metrics are the same code
 * for both, so a difference in the scores is the backend's.
 */
public sealed interface EvalBackend permits EvalBackend.Lucene, EvalBackend.OpenSearch {

    /** As {@code eval --json}'s {@code "backend"} names it. */
    String name();

    /**
     * The index of {@code set} (its vectors in {@code vectorsDir}), built where it is missing, and
     * its searcher with {@code run}'s scoring, vector format and exact-kNN threshold.
     */
    Opened open(BeirSet set, Embedder embedder, Path vectorsDir, PrintStream log, EvalRun run);

    /** A searcher, and what to close when the evaluation is done with it. */
    record Opened(Searcher searcher, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() {
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the evaluation index: " + e.getMessage(), e);
            }
        }
    }

    /** The embedded Lucene index, kept in the evaluation cache and reused while its layout holds. */
    record Lucene() implements EvalBackend {
        @Override
        public String name() {
            return "lucene";
        }

        @Override
        public Opened open(BeirSet set, Embedder embedder, Path vectorsDir, PrintStream log, EvalRun run) {
            ChunkIndex index = EvalIndex.open(set, embedder, vectorsDir, log, run.chunkTokens(), run.vectors());
            return new Opened(index.searcher(run.scoring(), run.exactKnnBelow()), index);
        }
    }

    /**
     * An index on an OpenSearch cluster, rebuilt at every run (deleted, then written from the
     * cached vectors; kept afterwards to be looked at). Its chunks' owner is {@value #OWNER}, and an
     * index holding chunks of another owner is refused rather than deleted.
     *
     * @param hosts the cluster's HTTP addresses
     * @param index the index name, or null for {@code docent-eval-SET}
     * @param credentials {@code user:password}, or null for none
     * @param shards primary shards (one replica each)
     */
    record OpenSearch(List<URI> hosts, String index, String credentials, int shards) implements EvalBackend {

        /** Who the evaluation's chunks belong to on the cluster. */
        public static final String OWNER = "docent-eval";

        public OpenSearch {
            hosts = List.copyOf(hosts);
            if (hosts.isEmpty()) throw new IllegalArgumentException("--backend opensearch needs --hosts http://HOST:PORT[,...]");
            if (shards < 1) throw new IllegalArgumentException("shards must be >= 1, got " + shards);
        }

        @Override
        public String name() {
            return "opensearch";
        }

        /** The index name: the one given, or {@code docent-eval-} and the set's folder name. */
        String indexFor(Path setDir) {
            if (index != null) return index;
            return "docent-eval-" + setDir.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
        }

        @Override
        public Opened open(BeirSet set, Embedder embedder, Path vectorsDir, PrintStream log, EvalRun run) {
            OpenSearchConnection connection = OpenSearchConnection.to(hosts, credentials);
            try {
                String name = indexFor(run.setDir());
                var options = new OpenSearchIndex.IndexOptions(shards, 1, run.vectors(), run.scoring());
                OpenSearchIndex index = OpenSearchIndex.open(connection, name, OWNER, options);
                index.drop();
                var chunks = EvalChunks.of(set, embedder, EvalIndex.vectorsDir(vectorsDir, run.chunkTokens()), log, run.chunkTokens());
                EvalChunks.write(chunks, index, "the OpenSearch index " + name + " at " + hosts, log);
                return new Opened(index.searcher(run.exactKnnBelow()), connection);
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
        }
    }
}
