package dev.docent.retriever;

/** Which ranking(s) a search uses; hybrid is the default, the others exist for evaluation. */
public enum SearchMode {
    BM25,
    VECTOR,
    HYBRID
}
