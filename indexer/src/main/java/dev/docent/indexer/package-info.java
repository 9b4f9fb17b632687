/**
 * Keeps a search index in step with folders of documents. {@link dev.docent.indexer.Indexer#sync}
 * walks the folders, compares every file with the SQLite catalog (size and mtime first, then
 * sha256), and re-indexes only what changed: extract (Tika) → chunk (sentence-aware, token
 * budget) → embed → write to the retriever's index. Files that fail are recorded with the reason
 * and the walk goes on. Subpackages hold the parts: {@code extract}, {@code chunk},
 * {@code catalog}, {@code watch}.
 */
package dev.docent.indexer;
