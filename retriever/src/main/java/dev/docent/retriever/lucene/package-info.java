/**
 * The Lucene side of the retriever: field names and document mapping, BM25 query building, the
 * searcher that runs BM25 and kNN (HNSW, or exact on small indexes) and fills in each candidate's
 * missing raw score exactly, and the retrieval that holds one index snapshot open for citations;
 * and document matching, exhaustive over one snapshot (required terms and phrases, an exact vector scan).
 */
package dev.docent.retriever.lucene;
