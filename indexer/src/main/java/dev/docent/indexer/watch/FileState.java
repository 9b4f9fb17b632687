package dev.docent.indexer.watch;

import java.nio.file.Path;
import java.time.Instant;

/** A regular file as found on disk. */
public record FileState(Path path, long size, Instant modified) {}
