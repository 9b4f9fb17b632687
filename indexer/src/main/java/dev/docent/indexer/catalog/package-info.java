/**
 * The SQLite catalog: one row per file Docent knows about (path, size, mtime, sha256, status,
 * error, page and chunk counts, timestamps). It is what lets a restart resume instead of
 * re-indexing, lets a sync skip unchanged files, and what {@code /api/documents} reports.
 */
package dev.docent.indexer.catalog;
