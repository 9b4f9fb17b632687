/**
 * Text generation with a local model. {@link dev.docent.llm.Generator} is the contract the web
 * layer codes against; {@link dev.docent.llm.Generators#llama} loads a GGUF file with llama.cpp
 * (bound through {@code java.lang.foreign} in {@code llm.internal}). Values crossing the module
 * boundary are JDK types and small records ({@link dev.docent.llm.ChatMessage},
 * {@link dev.docent.llm.Completion}, {@link dev.docent.llm.Sampling}).
 */
package dev.docent.llm;
