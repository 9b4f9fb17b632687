/**
 * ONNX Runtime + HuggingFace tokenizer implementation of the embedder. Hidden from other modules:
 * they see only {@link dev.docent.embedder.Embedder}.
 */
package dev.docent.embedder.internal;
