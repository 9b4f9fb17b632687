/**
 * The ways of merging BM25 and vector candidates into one ranking: a single retriever alone,
 * (weighted) reciprocal rank fusion, and a convex combination of normalised raw scores. Each is
 * a small record with a spec string ({@code convex(vector=0.6,norm=minmax)}) that {@link
 * dev.docent.retriever.fusion.Fusions#parse} reads back, so the CLI and the config name them
 * the same way the evaluation reports them.
 */
package dev.docent.retriever.fusion;
