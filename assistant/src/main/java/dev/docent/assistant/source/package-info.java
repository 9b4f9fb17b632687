/**
 * The source viewer's work, with no HTTP in it: finding a catalogued document by its id
 * ({@link dev.docent.assistant.source.DocumentSources}; never by a path from a request), telling whether
 * its file changed or vanished since it was indexed, the cited passage with its page regions (kept
 * at extraction) or its section's text ({@link dev.docent.assistant.source.CitedPassage}), and PDF pages
 * rendered as PNG images, cached under the data directory ({@link dev.docent.assistant.source.PageImages}).
 * {@code web.api.SourceRoutes} is the HTTP adapter.
 */
package dev.docent.assistant.source;
