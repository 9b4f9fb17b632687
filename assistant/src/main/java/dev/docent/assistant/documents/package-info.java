/**
 * Which documents a list shows, shared by every adapter that lists them ({@code GET /api/documents}
 * and the MCP {@code list_documents} tool): a {@link dev.docent.assistant.documents.DocumentFilter} by
 * status (or "needs OCR"), and a page of the result with the full count, so a library of 100,000
 * files is never sent to a page at once.
 */
package dev.docent.assistant.documents;
