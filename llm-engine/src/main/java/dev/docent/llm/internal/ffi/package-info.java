/**
 * The hand-written FFM binding to llama.cpp's C API ({@code llama.h} of the pinned release):
 * struct layouts ({@link dev.docent.llm.internal.ffi.Structs}), one method handle per function
 * ({@link dev.docent.llm.internal.ffi.LlamaApi}), and the log bridge to SLF4J. The only package
 * that touches {@code java.lang.foreign}; owners of native lifetimes live one level up.
 */
package dev.docent.llm.internal.ffi;
