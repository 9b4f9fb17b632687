/**
 * Keeps a search index in step with folders of documents. {@link dev.docent.indexer.Indexer#sync}
 * walks the folders, compares every file with the SQLite catalog (size and mtime first, then
 * sha256), and re-indexes only what changed: extract (Tika) → chunk (sentence-aware, token
 * budget) → embed → write to the retriever's index. Files that fail are recorded with the reason
 * and the walk goes on. Subpackages hold the parts: {@code extract}, {@code chunk},
 * {@code catalog}, {@code watch}. Outside callers read the index itself only through an
 * {@link dev.docent.indexer.IndexLease} ({@code Indexer.lease()}, {@code Indexer.withIndex(...)}):
 * a switch to a new index generation waits for the leases on the old one, so none is closed under
 * its reader.
 */
package dev.docent.indexer;
