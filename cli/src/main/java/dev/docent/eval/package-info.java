/**
 * Retrieval evaluation on BEIR-format sets ({@code corpus.jsonl}, {@code queries.jsonl},
 * {@code qrels/test.tsv}), following BEIR's conventions (graded nDCG, header row, CRLF, a query's
 * own id removed from its ranking): nDCG@10, Recall@100, MRR@10 and search latency for BM25,
 * vectors and any fusion, so every retrieval change is measured against published baselines.
 * Embeddings are cached per model ({@link dev.docent.eval.VectorCache}), so index and fusion
 * settings can be re-measured in seconds. The chunks are searched in the embedded Lucene index or
 * on an OpenSearch cluster ({@link dev.docent.eval.EvalBackend}); everything above the
 * {@code Searcher} is the same code for both, so the two can be compared.
 */
package dev.docent.eval;
