/**
 * The core's composition root: {@link dev.docent.assistant.Docent} wires embedder, indexer,
 * answerer, conversations and the language model from a {@link dev.docent.assistant.DocentConfig},
 * writable ({@code serve}, {@code index}) or read-only ({@code ask}, {@code mcp}).
 * {@link dev.docent.assistant.StatusReport} is the one status every adapter reports. Nothing here
 * knows HTTP, MCP or the command line: those adapters (web-ui, mcp, cli) depend on this module,
 * never the other way round (cli's ArchitectureTest checks).
 */
package dev.docent.assistant;
