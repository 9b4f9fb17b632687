/**
 * Benchmarks, not tests: issue 19's comparison of the OpenSearch backend with the embedded Lucene
 * index at scale ({@link dev.docent.opensearch.bench.ScaleBench}), and what it needs: synthetic
 * chunks of realistic length, the cluster's own statistics (REST usage counts, heap, k-NN memory,
 * store size), the bytes of an index's files by kind, and latency percentiles.
 */
package dev.docent.opensearch.bench;
