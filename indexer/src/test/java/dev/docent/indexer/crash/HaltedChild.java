package dev.docent.indexer.crash;

import dev.docent.indexer.halt.HaltPoints;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What the named-point crash tests share: starting a {@link GenerationCrashChild} armed to halt at
 * one point, copying a data directory for a scenario, and writing the test's text files.
 */
final class HaltedChild {

    private HaltedChild() {}

    /**
     * Starts the child on DATA and DOCS with chunks of {@code chunkTokens}, halting at {@code halt}
     * ({@code NAME:N}), its stdout and stderr in {@code log}.
     */
    static Process start(Path data, Path docs, int chunkTokens, String halt, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--enable-native-access") || a.startsWith("--add-modules")).forEach(command::add);
        // Commits as often as their cost allows (instead of every 5 s), so a sync makes several:
        // the Lucene and catalog points are then reached again at later commits.
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Ddocent.sync.commit_every_ms=0",
                "-D" + HaltPoints.PROPERTY + "=" + halt, "-cp", System.getProperty("java.class.path"),
                GenerationCrashChild.class.getName(), data.toString(), docs.toString(), Integer.toString(chunkTokens)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /** A text file of a few paragraphs of sentences, different for every (random, n). */
    static void write(Path file, Random random, int n) throws IOException {
        String[] words = ("river stone harbour ledger invoice tariff orbit lantern meadow copper granite ferry almanac"
                + " quarry thimble saddle beacon furnace orchard glacier cobalt parcel").split(" ");
        StringBuilder text = new StringBuilder("Document " + n + "\n\n");
        int paragraphs = 1 + random.nextInt(6);
        for (int p = 0; p < paragraphs; p++) {
            int sentences = 2 + random.nextInt(6);
            for (int s = 0; s < sentences; s++) {
                int count = 5 + random.nextInt(15);
                for (int w = 0; w < count; w++) text.append(words[random.nextInt(words.length)]).append(w + 1 < count ? " " : ". ");
            }
            text.append("\n\n");
        }
        Files.writeString(file, text);
    }
}
