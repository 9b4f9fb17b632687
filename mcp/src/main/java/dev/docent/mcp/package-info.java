/**
 * An adapter: Docent as a Model Context Protocol server, through the official MCP Java SDK. The
 * tools ({@link dev.docent.mcp.DocentTools}: search, ask, get_document, list_documents, status)
 * work over a {@link dev.docent.assistant.Docent}: the running {@code serve} (streamable HTTP at
 * {@code /mcp}, mounted by web-ui) or a read-only one ({@code ./docent mcp} over stdio, which takes
 * no write lock and so runs beside {@code serve}). Both give the same JSON.
 */
package dev.docent.mcp;
