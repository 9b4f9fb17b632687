/**
 * Finding files: {@link dev.docent.indexer.watch.FolderWalker} lists what is in the folders now;
 * {@link dev.docent.indexer.watch.FolderWatcher} notices changes and triggers a new sync.
 */
package dev.docent.indexer.watch;
