/**
 * The SQLite catalog: one row per file Docent knows about (path, size, mtime, sha256, status,
 * error, page and chunk counts, timestamps, and what the file says of itself: author, creation
 * time, the language of its text) and the dates its text mentions ({@code document_dates}, written
 * in the row's transaction and deleted with it). It is what lets a restart resume instead of
 * re-indexing, lets a sync skip unchanged files, what {@code /api/documents} reports, and what a
 * {@link dev.docent.indexer.catalog.DocumentQuery} filters in SQL (including words a path or title
 * must hold, {@link dev.docent.indexer.catalog.NameWords}, so a caller reads only those rows).
 */
package dev.docent.indexer.catalog;
