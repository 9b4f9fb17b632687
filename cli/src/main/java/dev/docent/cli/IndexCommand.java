package dev.docent.cli;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.indexer.SyncReport;
import dev.docent.assistant.Docent;
import dev.docent.assistant.DocentConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code index}: one sync with a progress bar, then a summary with every failure and its reason. */
public final class IndexCommand implements Command {

    @Override
    public String usage() {
        return """
                Usage: ./docent index [--data DIR] FOLDER...

                Indexes new and changed files in the FOLDERs (unchanged files are skipped, deleted ones
                removed), shows progress, lists the files that could not be indexed and why, then exits.
                  --data DIR        where the index and catalog live (default: per-user data directory)
                """;
    }

    @Override
    public int run(String[] argv) {
        Args args = Args.parse(argv, Set.of("data"), Set.of());
        DocentConfig config = Common.config(args);
        List<Path> folders = Common.folders(args);
        try (Docent docent = Docent.open(config)) {
            OrderlyExit.onSignals(docent::close); // Ctrl-C: stop the sync, close, then exit
            var rebuild = docent.indexer().generationStatus().rebuild();
            if (rebuild != null) {
                // The whole index is built anew beside the old one, which answers until this completes.
                System.out.println("The " + rebuild.reason().substring("new ".length()) + " changed: building a new index"
                        + " (the current one keeps answering until it is complete).");
            }
            SyncReport r = docent.indexer().sync(folders, new ProgressBar(System.out));
            if (docent.closing()) {
                // Stopped by a signal: what was committed stays; the next run picks up the rest.
                System.out.printf("%nStopped after %d files; run the same command again to continue.%n", r.indexed() + r.failed());
                return 130;
            }
            System.out.printf("Indexed %d, failed %d, unchanged %d, removed %d: %d chunks written in %.1f s.%n",
                    r.indexed(), r.failed(), r.unchanged(), r.removed(), r.chunks(), r.took().toMillis() / 1000.0);
            List<DocumentRecord> failed = docent.indexer().documents().stream()
                    .filter(d -> d.status() == DocumentStatus.FAILED)
                    .filter(d -> folders.stream().anyMatch(f -> Path.of(d.path()).startsWith(f)))
                    .toList();
            if (!failed.isEmpty()) {
                System.out.println("Not indexed:");
                failed.forEach(d -> System.out.println("  " + d.path() + ": " + d.error()));
            }
            var status = docent.indexer().status();
            if (status.skippedCount() > 0) {
                System.out.println("Skipped " + status.skippedCount() + ":");
                status.skipped().forEach(s -> System.out.println("  " + s.path() + ": " + s.reason()));
                if (status.skippedCount() > status.skipped().size()) System.out.println("  ...");
            }
            System.out.println("Index: " + config.dataDir());
        }
        return 0;
    }
}
