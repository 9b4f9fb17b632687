/**
 * Benchmark programs (built with {@code -Pbench}, never shipped): the ingestion benchmark, its
 * generated corpus and its langchain4j peer. Results and commands: docs/benchmarks.md.
 */
package dev.docent.bench;
