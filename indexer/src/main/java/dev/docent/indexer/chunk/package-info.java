/**
 * Splits extracted pages into chunks for embedding and search. Chunks end on sentence boundaries,
 * never exceed a token budget measured with the embedding model's own tokenizer, never span two
 * pages (so every chunk has one page to cite), and carry the heading of their section and their
 * character offsets within the page text.
 */
package dev.docent.indexer.chunk;
