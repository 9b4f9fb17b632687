package dev.docent.cli;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.indexer.SyncProgress;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A one-line progress bar on a terminal; on a pipe or file (CI logs) a plain line every 10% so
 * logs stay readable. Shows files done, failures so far, rate and time left.
 */
final class ProgressBar implements SyncProgress {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private long started;
    private int failed;
    /** Chunks of the files indexed so far (a file found unchanged by hash counts its old chunks). */
    private long chunks;
    private int lastDecile = -1;

    ProgressBar(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null && System.console().isTerminal();
    }

    /**
     * A transfer's progress: bytes done of {@code total} (-1 unknown), with rate and time left. The
     * caller calls it as often as it likes; a pipe gets a line per 10%.
     */
    void bytes(long done, long total, double bytesPerSecond) {
        long left = total > 0 && bytesPerSecond > 0 ? Math.round((total - done) / bytesPerSecond) : -1;
        if (terminal) {
            int filled = total > 0 ? (int) Math.min(WIDTH, done * WIDTH / total) : 0;
            out.printf("\r[%s%s] %s of %s, %s/s%s   ", "#".repeat(filled), ".".repeat(WIDTH - filled), megabytes(done),
                    total > 0 ? megabytes(total) : "?", megabytes(Math.round(bytesPerSecond)), left >= 0 ? ", ~" + left + "s left" : "");
            if (total > 0 && done >= total) out.println();
        } else {
            int decile = total > 0 ? (int) (done * 10 / total) : 0;
            if (decile != lastDecile) {
                lastDecile = decile;
                out.printf("  %s of %s (%d%%), %s/s%n", megabytes(done), total > 0 ? megabytes(total) : "?", decile * 10,
                        megabytes(Math.round(bytesPerSecond)));
            }
        }
        out.flush();
    }

    /** A line of its own (starts on a fresh line when a bar is showing). */
    void note(String line) {
        out.println(line);
        out.flush();
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    @Override
    public void planned(int seen, int toProcess) {
        started = System.nanoTime();
        out.printf("Found %d files; %d new or changed to index.%n", seen, toProcess);
    }

    @Override
    public void fileDone(int done, int total, DocumentRecord record) {
        if (record.status() == DocumentStatus.FAILED) failed++;
        if (record.status() == DocumentStatus.INDEXED) chunks += record.chunks();
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = done / Math.max(seconds, 1e-3);
        double chunkRate = chunks / Math.max(seconds, 1e-3);
        long left = Math.round((total - done) / Math.max(rate, 1e-3));
        String name = Path.of(record.path()).getFileName().toString();
        if (terminal) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            out.printf("\r[%s%s] %d/%d files, %d queued, %d failed, %.1f files/s, %.0f chunks/s, ~%ds left  %-30.30s",
                    "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, total - done, failed, rate, chunkRate, left,
                    name);
            if (done == total) out.println();
        } else {
            int decile = total == 0 ? 10 : done * 10 / total;
            if (decile != lastDecile) {
                lastDecile = decile;
                out.printf("  %d/%d files (%d%%), %d queued, %d failed, %.0f chunks/s, ~%ds left%n", done, total,
                        decile * 10, total - done, failed, chunkRate, left);
            }
        }
        out.flush();
    }
}
