/**
 * llama.cpp behind the {@link dev.docent.llm.Generator} contract. One owner class per native
 * lifetime: {@link dev.docent.llm.internal.LlamaModel} (weights, vocabulary, chat template) and
 * {@link dev.docent.llm.internal.LlamaSession} (context, KV cache, sampler), each freeing what it
 * created in reverse order; {@link dev.docent.llm.internal.LlamaGenerator} gives a session its
 * own platform thread and a bounded queue. {@link dev.docent.llm.GgufHeader} reads model
 * metadata in plain Java, to check a file before llama.cpp sees it.
 */
package dev.docent.llm.internal;
