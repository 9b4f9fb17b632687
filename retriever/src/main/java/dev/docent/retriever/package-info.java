/**
 * The search index, in two halves. {@link dev.docent.retriever.ChunkStore} is the writing side:
 * every chunk is stored once with three faces, analysed text for BM25, an HNSW vector, and the
 * citation data (path, title, page, heading, offsets). {@link dev.docent.retriever.Searcher} is
 * the searching side: it runs both retrievers and returns {@link dev.docent.retriever.Candidate}s
 * with their raw scores (BM25, cosine). A {@link dev.docent.retriever.Fusion}, outside Lucene,
 * ranks them; {@link dev.docent.retriever.fusion.HybridSearch} puts the two together as {@code /ask} uses
 * them. {@link dev.docent.retriever.Searcher#matchDocuments} answers "which documents" questions
 * instead: every matching document, not a top k, with its best passages; by meaning, either above
 * a fixed cosine or standing out from the collection's background ({@link dev.docent.retriever.BackgroundCut}).
 * The Lucene implementation
 * of both halves is {@link dev.docent.retriever.lucene.ChunkIndex}. Callers pass and receive plain
 * records and {@code float[]}; no Lucene type leaves.
 */
package dev.docent.retriever;
