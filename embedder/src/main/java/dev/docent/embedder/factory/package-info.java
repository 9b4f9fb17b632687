/**
 * The one place that creates embedders: {@link dev.docent.embedder.factory.Embedders} loads the
 * ONNX model by name. It sits above the API package and the implementation, so the API package
 * ({@link dev.docent.embedder.Embedder}) depends on neither (no package cycle).
 */
package dev.docent.embedder.factory;
