/** Lucene field names, document mapping and query building behind the retriever's API. */
package dev.docent.retriever.internal;
