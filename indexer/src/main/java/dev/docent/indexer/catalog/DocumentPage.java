package dev.docent.indexer.catalog;

import java.util.List;

/**
 * One page of catalog records, in path order, with how many match in all.
 *
 * @param matching records that match the query (all pages)
 * @param documents this page's records
 */
public record DocumentPage(int matching, List<DocumentRecord> documents) {}
