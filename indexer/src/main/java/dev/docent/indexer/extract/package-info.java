/**
 * Text extraction with Apache Tika. Every format goes through Tika's AutoDetectParser into one SAX
 * handler ({@link dev.docent.indexer.extract.BlockCollector}) that keeps what the chunker needs:
 * pages (PDF pages via PDFBox, PPTX slides), headings, and paragraph-level blocks. Failures become
 * an {@link dev.docent.indexer.extract.ExtractionException} whose message a user can act on.
 */
package dev.docent.indexer.extract;
