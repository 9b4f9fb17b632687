/**
 * Text generation. {@link dev.docent.llm.Generator} is the contract the web layer codes against;
 * the llama.cpp implementation (through {@code java.lang.foreign}) arrives with the LLM issue.
 * Until then Docent answers extractively and no {@code Generator} is configured.
 */
package dev.docent.llm;
