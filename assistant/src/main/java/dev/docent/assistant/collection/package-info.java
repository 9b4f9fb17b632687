/**
 * Questions about the whole collection (issue 17): "how many invoices are from 2024?", "which
 * documents changed in the last 7 days?", "what is in the contracts folder?", in English, German
 * and French. Such questions cannot be answered from a few retrieved passages, so they have to be
 * recognised before retrieval and answered from the catalog. {@link
 * dev.docent.assistant.collection.TimeExpressions} turns a time phrase into an interval of
 * instants; {@link dev.docent.assistant.collection.CollectionIntent} decides whether a question is
 * about the collection and, if so, what it lists or counts. Both are plain rules over java.time and
 * regular expressions, with no language model: they must be fast, deterministic and testable, and
 * an ordinary question must never be mistaken for a collection question.
 *
 * <p>With a language model loaded, the model works on top of that exhaustive list, never instead
 * of it: {@link dev.docent.assistant.collection.CandidateCheck} asks it about each candidate that
 * matched by its text (yes/no; only a clear no drops), {@link
 * dev.docent.assistant.collection.CollectionComposer} writes a few cited sentences from the kept
 * ones above the list, and {@link dev.docent.assistant.collection.DocumentSummaries} summarises a
 * whole document part by part, cached by content hash in {@link
 * dev.docent.assistant.collection.SummaryCache}; {@link
 * dev.docent.assistant.collection.DocumentBriefs} describes each document of a folder for the
 * composer. Each is bounded by the context, a document limit
 * and a time budget, and reports progress.
 */
package dev.docent.assistant.collection;
