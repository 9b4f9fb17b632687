/**
 * The crash test: a child JVM syncs a folder that keeps changing and is killed with kill -9 at
 * random points; after each restart and a clean sync the index must equal an uninterrupted run's.
 */
package dev.docent.indexer.crash;
