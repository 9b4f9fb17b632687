/**
 * The search index. {@link dev.docent.retriever.ChunkIndex} stores every chunk once in a Lucene
 * index on disk with three faces: analysed text for BM25, an HNSW vector for semantic search, and
 * the stored citation data (path, title, page, heading, offsets) that lets an answer point at its
 * source. {@link dev.docent.retriever.ChunkIndex#search} fuses both rankings with reciprocal rank
 * fusion. Callers pass and receive plain records and {@code float[]}; no Lucene type leaves.
 */
package dev.docent.retriever;
