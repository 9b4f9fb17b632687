/**
 * Finding files: {@link dev.docent.indexer.watch.FolderWalker} lists what is in the watched folders
 * now, and what it skipped and why ({@link dev.docent.indexer.watch.WalkResult}); ignore files are
 * matched by JGit with git's semantics ({@code IgnoreRules}); folder arguments are resolved to real
 * paths and checked ({@code WatchedFolders}); no symbolic link is followed ({@code TreeVisitor}).
 * {@link dev.docent.indexer.watch.FolderWatcher} notices changes and triggers a new sync; its thread
 * survives any failure of a check or a sync.
 */
package dev.docent.indexer.watch;
