/**
 * The second index backend (issue 19): the {@code ChunkStore} and {@code Searcher} contracts on an
 * OpenSearch cluster, for a collection shared by several Docents. {@link dev.docent.opensearch.OpenSearchIndex}
 * writes (chunks with the Lucene index's fields and analysis, one bulk per replaced document, visible
 * at refresh), its searcher runs BM25 (whole-index statistics) and kNN and fills in each candidate's
 * missing score exactly, as the Lucene searcher; fusion and confidence stay above, in the retriever.
 * {@link dev.docent.opensearch.OpenSearchConnection} is the one way to the cluster: timeouts,
 * retries with backoff, the cluster's reasons in the errors.
 */
package dev.docent.opensearch;
