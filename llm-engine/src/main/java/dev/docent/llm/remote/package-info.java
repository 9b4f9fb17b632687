/**
 * A {@link dev.docent.llm.Generator} behind an OpenAI-compatible server (Ollama, llama-server, LM
 * Studio, vLLM, another Docent): {@code POST /chat/completions} streamed as Server-Sent Events over
 * {@code java.net.http}. It is the only outbound connection Docent makes, so
 * {@link dev.docent.llm.remote.EndpointPolicy} admits loopback addresses only unless the user
 * allowed a remote endpoint in the config.
 */
package dev.docent.llm.remote;
