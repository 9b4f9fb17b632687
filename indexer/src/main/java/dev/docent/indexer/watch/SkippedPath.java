package dev.docent.indexer.watch;

/**
 * Something under a watched folder that the walk did not index, and why: a folder it may not
 * open, a link leading outside the watched folders, a name it cannot represent, a special file.
 *
 * @param path the path as the walk met it
 * @param reason a short sentence for people ("permission denied", ...)
 */
public record SkippedPath(String path, String reason) {}
