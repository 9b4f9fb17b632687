/**
 * Benchmark programs (built with {@code -Pbench}, never shipped): the ingestion benchmark as
 * interleaved rounds, its generated corpus and its langchain4j peer, and the preparation of a
 * 100,000-chunk folder (with its embedding cache filled) for measuring serve's RSS. Results and
 * commands: docs/benchmarks.md.
 */
package dev.docent.bench;
