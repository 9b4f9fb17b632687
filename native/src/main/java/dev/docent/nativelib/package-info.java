/**
 * The pinned llama.cpp libraries. At build time {@link dev.docent.nativelib.FetchLlamaLibraries}
 * fetches the prebuilt package for this platform once with {@code npm pack}, checks its sha256
 * against {@code llama-packages.properties}, and unpacks it into a per-user cache; at run time
 * {@link dev.docent.nativelib.LlamaLibraries} finds them there (or in a directory the user names).
 * This module only finds files; binding them with FFM is {@code llm-engine}'s job.
 */
package dev.docent.nativelib;
