/**
 * The one place that creates generators: {@link dev.docent.llm.factory.Generators} picks the
 * implementation (llama.cpp in process, or an OpenAI-compatible server). It sits above both
 * implementations and the API package, so the API package depends on neither (no package cycle).
 */
package dev.docent.llm.factory;
