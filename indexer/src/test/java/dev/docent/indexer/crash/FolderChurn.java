package dev.docent.indexer.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A folder that keeps changing under a syncing child, for the crash tests (the Lucene index's
 * {@link CrashTest}, the cluster's ClusterCrashTest): text files in seven sub-folders, changed one
 * random step at a time.
 */
public final class FolderChurn {

    private FolderChurn() {}

    /** One random change: add, edit, delete, rename in place, move to another folder, or copy. */
    public static int change(Path docs, Random random, int serial) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(docs)) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
        if (files.isEmpty()) {
            write(docs.resolve("d0").resolve("f" + serial + ".txt"), random, serial);
            return serial + 1;
        }
        Path f = files.get(random.nextInt(files.size()));
        switch (random.nextInt(6)) {
            case 0 -> write(docs.resolve("d" + random.nextInt(7)).resolve("f" + serial + ".txt"), random, serial);
            case 1 -> write(f, random, serial);
            case 2 -> Files.deleteIfExists(f);
            case 3 -> Files.move(f, f.resolveSibling("r" + serial + ".txt"));
            case 4 -> Files.copy(f, docs.resolve("d" + random.nextInt(7)).resolve("c" + serial + ".txt"));
            default -> Files.move(f, docs.resolve("d" + random.nextInt(7)).resolve("m" + serial + ".txt"));
        }
        return serial + 1;
    }

    /** A text file of 1-12 paragraphs, different for every (random, n), most mentioning a date. */
    public static void write(Path file, Random random, int n) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder("Document " + n + "\n\n");
        int paragraphs = 1 + random.nextInt(12);
        for (int p = 0; p < paragraphs; p++) {
            int words = 20 + random.nextInt(120);
            for (int w = 0; w < words; w++) text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            if (random.nextBoolean()) text.append("Filed on ").append(java.time.LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1500)));
            text.append("\n\n");
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static final String[] WORDS = ("river stone harbour ledger invoice tariff orbit lantern meadow copper "
            + "granite ferry almanac quarry thimble saddle beacon furnace orchard glacier cobalt parcel").split(" ");
}
