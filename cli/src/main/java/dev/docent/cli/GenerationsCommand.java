package dev.docent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.assistant.DocentConfig;
import dev.docent.assistant.IndexBackend;
import dev.docent.opensearch.ClusterGeneration;
import dev.docent.opensearch.ClusterGenerations;
import dev.docent.opensearch.OpenSearchConnection;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code generations}: the index generations of {@code index.opensearch.index} on the cluster, and
 * {@code generations prune}: deleting those the alias does not name, when safe
 * ({@link ClusterGenerations} decides). The embedded Lucene index deletes a replaced generation
 * itself, so there it only says so.
 */
public final class GenerationsCommand implements Command {

    @Override
    public String usage() {
        return """
                Usage: ./docent generations [--data DIR] [--json]
                       ./docent generations prune [--force] [--data DIR]

                With index.backend = opensearch: lists the generations of the index on the cluster (one
                per chunking/embedding recipe a writer used: NAME-FINGERPRINT), with chunks, size, the
                writers (owners) in each and when each last committed there, and which one the alias
                NAME names (the one that answers). A writer whose recipe changed leaves its old
                generation on the cluster, as other writers may still use it.

                prune deletes every generation the alias does not name, except one that
                  - was written in the last hour (a writer may be syncing or building it),
                  - is newer than the active one (a writer may be building it),
                  - holds a writer that has not committed to the active generation since (it still
                    answers from the old one; it moves at its first commit under the new recipe).
                Each kept generation is listed with the reason. --force deletes those too (when the
                writers named are gone for good); the generation the alias names is never deleted.

                The embedded index (index.backend = lucene) deletes a replaced generation itself, at
                the switch or at the next start: there is nothing to prune.
                """;
    }

    @Override
    public int run(String[] argv) {
        boolean prune = argv.length > 0 && argv[0].equals("prune");
        Args args = Args.parse(prune ? java.util.Arrays.copyOfRange(argv, 1, argv.length) : argv, Set.of("data"),
                prune ? Set.of("force") : Set.of("json"));
        if (!args.positional().isEmpty()) throw new UsageException("unknown argument " + args.positional().getFirst());
        DocentConfig config = Common.config(args);
        IndexBackend backend = config.index();
        if (backend.kind() != IndexBackend.Kind.OPENSEARCH) {
            System.out.println("The embedded index (index.backend = lucene) deletes a replaced generation itself, at the"
                    + " switch or at the next start: nothing to list or prune.");
            return 0;
        }
        try (var connection = OpenSearchConnection.to(backend.hosts(), backend.credentials(System::getenv))) {
            var generations = new ClusterGenerations(connection, backend.index());
            if (!prune) {
                List<ClusterGeneration> all = generations.list();
                if (args.has("json")) printJson(all);
                else print(backend.index(), all);
                return 0;
            }
            var outcomes = generations.prune(Instant.now(), args.has("force"));
            int kept = 0;
            for (var o : outcomes) {
                ClusterGeneration g = o.generation();
                if (o.deleted()) {
                    System.out.printf("deleted %s (%,d chunks, %s)%n", g.index(), g.chunks(), size(g.bytes()));
                } else if (!g.active()) {
                    kept++;
                    System.out.printf("kept    %s: %s%n", g.index(), String.join("; ", o.refusals()));
                }
            }
            if (outcomes.stream().noneMatch(o -> !o.generation().active())) {
                System.out.println("Only the active generation is on the cluster: nothing to prune.");
            }
            if (kept > 0 && !args.has("force")) {
                System.out.println("Run again later, or with --force if the writers named are gone for good.");
            }
            return kept > 0 ? 1 : 0;
        }
    }

    private static void print(String name, List<ClusterGeneration> all) {
        if (all.isEmpty()) {
            System.out.println("No generation of " + name + " on the cluster yet.");
            return;
        }
        for (ClusterGeneration g : all) {
            System.out.printf("%s%s  %,d chunks  %s  created %s%n", g.index(), g.active() ? "  (active: the alias " + name + " names it)" : "",
                    g.chunks(), size(g.bytes()), g.created());
            if (g.recipe() != null) System.out.println("    recipe: " + g.recipe());
            for (ClusterGeneration.Writer w : g.writers()) {
                String moved = g.active() ? "" : w.movedToActive() ? ", moved to the active generation" : ", still here";
                System.out.printf("    writer %s: %,d documents, last commit %s%s%n", w.owner(), w.documents(),
                        w.lastCommit() != null ? w.lastCommit() : w.hasMarker() ? "(before commit times)" : "none", moved);
            }
        }
    }

    private static void printJson(List<ClusterGeneration> all) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode out = json.createArrayNode();
        for (ClusterGeneration g : all) {
            ObjectNode o = out.addObject().put("index", g.index()).put("active", g.active()).put("recipe", g.recipe())
                    .put("chunks", g.chunks()).put("bytes", g.bytes()).put("created", g.created().toString());
            ArrayNode writers = o.putArray("writers");
            for (ClusterGeneration.Writer w : g.writers()) {
                writers.addObject().put("owner", w.owner()).put("documents", w.documents())
                        .put("last_commit", w.lastCommit() == null ? null : w.lastCommit().toString())
                        .put("moved_to_active", w.movedToActive());
            }
        }
        System.out.println(out.toPrettyString());
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format("%.1f MB", bytes / 1048576.0) : String.format("%.1f KB", bytes / 1024.0);
    }
}
