package dev.docent.indexer;

/**
 * A snapshot for status displays.
 *
 * @param indexed documents indexed
 * @param pending documents waiting
 * @param failed documents that failed
 * @param chunks chunks searchable
 * @param indexing whether a sync is running
 * @param done files finished in the running sync
 * @param toProcess files the running sync has to process
 * @param current file being processed, or null
 */
public record IndexStatus(int indexed, int pending, int failed, int chunks, boolean indexing, int done, int toProcess, String current) {}
