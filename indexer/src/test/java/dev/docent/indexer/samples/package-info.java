/**
 * The sample corpus generator: turns the checked-in sources in {@code sample-corpus/src/} into the
 * PDF, DOCX, PPTX, XLSX, ODT and EPUB files committed beside them. Run by
 * {@code SampleCorpusTest} with {@code -Ddocent.regenerateSampleCorpus=true}.
 */
package dev.docent.indexer.samples;
