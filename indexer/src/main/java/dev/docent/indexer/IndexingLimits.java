package dev.docent.indexer;

import java.time.Duration;

/**
 * Bounds on reading one file, so no file can hold up the others.
 *
 * @param timePerFile reading, extracting and chunking one file longer than this fails it
 *     (setting {@code indexing.max_seconds_per_file})
 * @param maxFileBytes larger files are refused before they are read, even for a hash
 *     (setting {@code indexing.max_file_mb})
 */
public record IndexingLimits(Duration timePerFile, long maxFileBytes) {

    public static final int DEFAULT_SECONDS_PER_FILE = 120;
    public static final int DEFAULT_MAX_FILE_MB = 200;

    public IndexingLimits {
        if (timePerFile.isNegative() || timePerFile.isZero()) throw new IllegalArgumentException("time per file must be positive");
        if (maxFileBytes <= 0) throw new IllegalArgumentException("max file size must be positive");
    }

    public static IndexingLimits defaults() {
        return of(DEFAULT_SECONDS_PER_FILE, DEFAULT_MAX_FILE_MB);
    }

    public static IndexingLimits of(int secondsPerFile, int maxFileMb) {
        return new IndexingLimits(Duration.ofSeconds(secondsPerFile), (long) maxFileMb * 1024 * 1024);
    }
}
