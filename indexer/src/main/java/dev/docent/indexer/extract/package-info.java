/**
 * Reading files into text. {@link dev.docent.indexer.extract.FileAccess} checks a file at read time
 * (a regular file, not a link, inside a watched folder, within the size limit) and hashes it
 * without following links. {@link dev.docent.indexer.extract.TextExtractor} reads PDFs with PDFBox
 * in one pass ({@code PdfPageCollector}, {@code PdfLayout}) and everything else with Tika's
 * AutoDetectParser, configured without any parser that runs another program
 * ({@code TikaParsers}, tika-config.xml); zip containers are checked for bombs first
 * ({@code ZipGuard}). One SAX handler ({@code BlockCollector}) keeps what the chunker needs
 * (pages, headings, paragraph-level blocks) and stops parsing at the character budget, on binary
 * junk, or when the thread is interrupted. Failures become an
 * {@link dev.docent.indexer.extract.ExtractionException} whose message a user can act on and which
 * says whether trying again later may help.
 */
package dev.docent.indexer.extract;
