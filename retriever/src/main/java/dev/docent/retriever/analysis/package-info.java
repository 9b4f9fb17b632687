/**
 * Text analysis for BM25 in several languages: each chunk's language is detected when it is
 * written ({@link dev.docent.retriever.analysis.LanguageDetector}) and its text goes into that
 * language's fields, analysed by that language's Lucene chain ({@link dev.docent.retriever.analysis.Language});
 * a query is analysed once per language present in the index, each against that language's fields,
 * so an English chunk is scored exactly as by Lucene's English analysis.
 */
package dev.docent.retriever.analysis;
