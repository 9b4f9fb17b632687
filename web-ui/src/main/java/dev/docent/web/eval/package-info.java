/**
 * Retrieval evaluation on BEIR-format sets ({@code corpus.jsonl}, {@code queries.jsonl},
 * {@code qrels/test.tsv}): nDCG@10 with graded gains, Recall@100 and MRR@10, for BM25, vectors
 * and the hybrid fusion, so every retrieval change is measured against published baselines.
 */
package dev.docent.web.eval;
