/**
 * Turns text into vectors. {@link dev.docent.embedder.Embedder} is the whole contract: a query
 * and a passage are embedded differently (models expect their own prefixes), every vector is
 * L2-normalised, and {@link dev.docent.embedder.Embedder#countTokens} exposes the model's own
 * tokenizer so the chunker can budget chunks in the unit the model truncates by.
 * {@link dev.docent.embedder.factory.Embedders} builds the shipped models; nothing here downloads.
 */
package dev.docent.embedder;
