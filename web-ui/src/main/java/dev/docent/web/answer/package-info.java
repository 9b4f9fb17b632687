/**
 * From a question to an answer with citations. Retrieval is hybrid (BM25 + vectors); without a
 * language model the answer is extractive: the sentences of the best passages that share most
 * with the question, each followed by the number of the citation it comes from.
 */
package dev.docent.web.answer;
