/**
 * Docent as a Model Context Protocol server, through the official MCP Java SDK: the tools
 * ({@link dev.docent.web.mcp.DocentTools}: search, ask, get_document, list_documents, status) over
 * a {@link dev.docent.web.mcp.Library}, which is either the running {@code serve} (streamable HTTP
 * at {@code /mcp}) or a read-only view of a data directory ({@code ./docent mcp} over stdio, which
 * takes no write lock and so runs beside {@code serve}).
 */
package dev.docent.web.mcp;
