/**
 * The embedding cache: vectors by (embedding model id, SHA-256 of the exact text embedded), in a
 * SQLite file of its own under the data directory, so that an edit re-embeds only the chunks whose
 * text changed and a re-index (another chunking or analysis, or a new index generation) re-uses
 * every vector it can. A cache only: losing entries costs embedding time, never correctness.
 */
package dev.docent.indexer.cache;
