package dev.docent.indexer;

import dev.docent.indexer.crash.HashEmbedder;
import dev.docent.indexer.watch.FolderWalker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The steady-state cost of the watcher's periodic re-check (issue 18 item 13): {@code FILES} tiny
 * files in folders of 1,000, indexed once with a fast fake embedder ({@link HashEmbedder}), then
 * {@code RECHECKS} syncs with nothing changed, each timed, and for comparison as many walks alone
 * (the stat of every file a re-check cannot avoid). Not a test. Each re-check must hand no file to
 * the reader ({@link SyncProgress#planned} says none is to process, and only the reader opens a
 * document), else the bench fails. Then a few re-checks after one file was edited. The files and the
 * data directory stay under {@code DIR} (never commit them), so a later run, e.g. of another commit,
 * re-checks the same index:
 *
 * <pre>
 * ./mvnw -B -q -pl indexer -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp indexer/target/classes:indexer/target/test-classes:$(cat /tmp/cp.txt) \
 *     dev.docent.indexer.IdleRecheckBench /tmp/idle-100k 100000 20
 * </pre>
 */
public final class IdleRecheckBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rechecks = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path docs = dir.resolve("docs");
        if (!Files.isDirectory(docs)) write(docs, files);
        List<Path> folders = List.of(docs);
        try (Indexer indexer = Indexer.open(dir.resolve("data"), new HashEmbedder())) {
            long t0 = System.nanoTime();
            SyncReport first = indexer.sync(folders, SyncProgress.NONE);
            System.out.printf(Locale.ROOT, "first sync: %s in %.1f s%n", first, (System.nanoTime() - t0) / 1e9);
            recheck(indexer, folders, 2, false); // warm-up: JIT, page cache
            double[] idle = recheck(indexer, folders, rechecks, true);
            double[] walks = new double[rechecks];
            var walker = new FolderWalker(dir.resolve("data"), true);
            for (int i = 0; i < rechecks; i++) {
                long w0 = System.nanoTime();
                walker.walk(folders);
                walks[i] = (System.nanoTime() - w0) / 1e6;
            }
            print("idle re-check", idle);
            print("walk alone", walks);
            Path edited = docs.resolve("d000/f0000000.txt");
            double[] oneEdited = new double[3];
            for (int i = 0; i < oneEdited.length; i++) {
                Files.writeString(edited, "edited " + i + " " + System.nanoTime() + " the tortoise wins the race");
                long e0 = System.nanoTime();
                SyncReport r = indexer.sync(folders, SyncProgress.NONE);
                oneEdited[i] = (System.nanoTime() - e0) / 1e6;
                if (r.indexed() != 1) throw new AssertionError("one edited file, but: " + r);
            }
            print("one file edited", oneEdited);
        }
    }

    private static double[] recheck(Indexer indexer, List<Path> folders, int n, boolean check) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            int[] toProcess = {-1};
            long t0 = System.nanoTime();
            SyncReport r = indexer.sync(folders, new SyncProgress() {
                @Override
                public void planned(int seen, int work) {
                    toProcess[0] = work;
                }
            });
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (check && (toProcess[0] != 0 || r.indexed() + r.failed() + r.removed() != 0 || r.unchanged() != r.seen())) {
                throw new AssertionError("an idle re-check handed " + toProcess[0] + " files to the reader: " + r);
            }
        }
        return ms;
    }

    private static void print(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s: n=%d p50 %.0f ms, p99 %.0f ms, min %.0f ms, all %s%n", what, s.length,
                percentile(s, 0.50), percentile(s, 0.99), s[0], rounded(ms));
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static List<Long> rounded(double[] ms) {
        List<Long> out = new ArrayList<>();
        for (double m : ms) out.add(Math.round(m));
        return out;
    }

    /** {@code n} files of a few words each, 1,000 to a folder. */
    private static void write(Path docs, int n) throws IOException {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Path folder = docs.resolve(String.format(Locale.ROOT, "d%03d", i / 1000));
            if (i % 1000 == 0) Files.createDirectories(folder);
            Files.writeString(folder.resolve(String.format(Locale.ROOT, "f%07d.txt", i)),
                    "note " + i + " about topic " + (i % 997) + " and the hare that sleeps");
        }
        System.out.printf(Locale.ROOT, "wrote %d files in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }
}
