/**
 * A writer's catalog, published for readers that have none: a read-only server on a shared index
 * ({@code serve --read-only} on an OpenSearch cluster) lists, filters and counts every writer's
 * documents from a local mirror of the rows the writers published. The writer's SQLite catalog
 * stays the one source of truth; the published copy follows it after each catalog commit and is
 * reconciled with it at the writer's open. {@link CatalogPublisher} is the writer's side, {@link
 * CatalogFeed} the reader's, {@link CatalogMirror} keeps the reader's local catalog in step with
 * the feed. The storage that holds the shared index implements both (the indexer knows no cluster).
 */
package dev.docent.indexer.publish;
