package dev.docent.web;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.llm.GeneratorContract;
import dev.docent.llm.factory.Generators;
import dev.docent.llm.Sampling;
import dev.docent.llm.remote.RemoteOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the remote path costs over loopback (a benchmark, not a test; docs/benchmarks.md). One
 * engine, the tiny model in a second Docent: the same greedy request (a) to that engine in
 * process and (b) through {@link dev.docent.llm.remote.RemoteGenerator} to the Docent's /v1, which
 * passes it to the same engine; in alternation, medians of the time to the first text and of the
 * total as the caller sees them. Callers run on virtual threads, as Docent's request handlers do.
 * Arguments: runs (default 30), tokens per reply (default 32), then optional words: {@code blocks}
 * (all in-process runs before all remote ones), {@code platform} (call from the main platform
 * thread instead).
 */
public final class RemoteGeneratorBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Set<String> flags = Set.of(args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[0]);
        boolean platform = flags.contains("platform");
        Path tmp = Files.createTempDirectory("docent-remote-bench");
        var request = GenerationRequest.of(List.of(new ChatMessage("system", "You tell stories."),
                new ChatMessage("user", "Once upon a time")), tokens);
        try (var server = RemoteGeneratorContractTest.modelServer(tmp, 1024);
                Generator remote = Generators.remote(RemoteOptions.defaults(URI.create(server.base() + "/v1"),
                        GeneratorContract.TINY_MODEL_NAME).withContextSize(1024).withSampling(Sampling.GREEDY)
                        .withApiKey(server.token()))) {
            Generator local = server.docent.generator();
            Thread.sleep(8000); // the server's embedder loads in the background and takes the cores meanwhile
            List<double[]> l = new ArrayList<>();
            List<double[]> r = new ArrayList<>();
            int warmUp = 3;
            if (flags.contains("blocks")) {
                for (int i = -warmUp; i < runs; i++) keep(i, l, time(local, request, platform));
                for (int i = -warmUp; i < runs; i++) keep(i, r, time(remote, request, platform));
            } else {
                for (int i = -warmUp; i < runs; i++) {
                    keep(i, l, time(local, request, platform));
                    keep(i, r, time(remote, request, platform));
                }
            }
            String inProcess = local.chat(request, s -> {}, () -> false).text();
            if (!inProcess.equals(remote.chat(request, s -> {}, () -> false).text())) {
                throw new IllegalStateException("the two paths wrote different replies");
            }
            System.out.printf(Locale.ROOT, "%d runs%s, %d tokens each, tiny qwen2 (%s), 1 thread, greedy, caller on a %s thread%n",
                    runs, flags.contains("blocks") ? " (in blocks)" : " (alternating)", tokens,
                    GeneratorContract.TINY_MODEL_NAME, platform ? "platform" : "virtual");
            System.out.printf(Locale.ROOT, "%-28s %12s %12s%n", "", "TTFT ms", "total ms");
            print("in process", l);
            print("remote over loopback", r);
            System.out.printf(Locale.ROOT, "%-28s %12.2f %12.2f%n", "added by the remote path",
                    median(r, 0) - median(l, 0), median(r, 1) - median(l, 1));
        } finally {
            RemoteGeneratorContractTest.deleteTree(tmp);
        }
        System.exit(0);
    }

    private static void keep(int round, List<double[]> into, double[] run) {
        if (round >= 0) into.add(run);
    }

    private static double[] time(Generator g, GenerationRequest request, boolean platform) throws InterruptedException {
        if (platform) return timeHere(g, request);
        double[][] out = new double[1][];
        Thread.ofVirtual().start(() -> out[0] = timeHere(g, request)).join();
        return out[0];
    }

    /** {time to the first text, total} in ms, as the caller sees them. */
    private static double[] timeHere(Generator g, GenerationRequest request) {
        long t0 = System.nanoTime();
        long[] first = {0};
        Completion c = g.chat(request, s -> {
            if (first[0] == 0) first[0] = System.nanoTime();
        }, () -> false);
        long end = System.nanoTime();
        if (c.generatedTokens() != request.maxTokens()) throw new IllegalStateException("short reply: " + c);
        return new double[] {(first[0] - t0) / 1e6, (end - t0) / 1e6};
    }

    private static void print(String name, List<double[]> runs) {
        System.out.printf(Locale.ROOT, "%-28s %12.2f %12.2f%n", name, median(runs, 0), median(runs, 1));
    }

    private static double median(List<double[]> runs, int column) {
        double[] v = runs.stream().mapToDouble(x -> x[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
