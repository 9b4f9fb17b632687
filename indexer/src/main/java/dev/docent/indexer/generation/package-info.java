/**
 * Index generations: everything derived from the documents under one {@link
 * dev.docent.indexer.generation.Recipe} (embedding model, chunking, text analysis, extraction) lives
 * in one generation's directory, and one small pointer file in the data directory names the
 * generation that answers. A changed recipe builds a new generation beside the active one; the
 * pointer is switched atomically when it is complete, and the old one is deleted after.
 */
package dev.docent.indexer.generation;
