/**
 * Text generation. {@link dev.docent.llm.Generator} is the contract the web layer codes against:
 * a {@link dev.docent.llm.GenerationRequest} (messages, max tokens, sampling, stop strings) in,
 * text streamed out. {@link dev.docent.llm.factory.Generators#llama} loads a GGUF file with llama.cpp
 * (bound through {@code java.lang.foreign} in {@code llm.internal});
 * {@link dev.docent.llm.factory.Generators#remote} uses an OpenAI-compatible server ({@code llm.remote}).
 * Values crossing the module boundary are JDK types and small records
 * ({@link dev.docent.llm.ChatMessage}, {@link dev.docent.llm.Completion}, {@link dev.docent.llm.Sampling}).
 */
package dev.docent.llm;
