package dev.docent.indexer.extract;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;

/**
 * The child JVM of {@link ParserSandboxTest}: watches the temp folder it was started with, claims
 * Docent's own temp folder under DATA (unless told not to), extracts the files, then prints each
 * file created in the watched folder as "CREATED name" and each extraction's outcome.
 * Usage: {@code ParserSandboxChild DATA|- FILE...}
 */
public final class ParserSandboxChild {

    public static void main(String[] args) throws Exception {
        Path watched = Path.of(System.getProperty("java.io.tmpdir"));
        var watcher = FileSystems.getDefault().newWatchService();
        var key = watched.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        if (!args[0].equals("-")) System.out.println("CLAIMED " + TempFolder.claim(Path.of(args[0]).resolve("tmp")));
        var extractor = new TextExtractor();
        for (int i = 1; i < args.length; i++) {
            String outcome;
            try {
                outcome = extractor.extract(Path.of(args[i])).characterCount() + " characters";
            } catch (ExtractionException e) {
                outcome = e.getMessage();
            }
            System.out.println("EXTRACTED " + Path.of(args[i]).getFileName() + ": " + outcome);
        }
        for (WatchEvent<?> event : key.pollEvents()) System.out.println("CREATED " + event.context());
        System.out.flush();
    }
}
