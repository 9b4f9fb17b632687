package dev.docent.indexer.chunk;

/** Counts tokens the way the embedding model will; {@code Embedder::countTokens} fits. */
@FunctionalInterface
public interface TokenCounter {
    int count(String text);
}
