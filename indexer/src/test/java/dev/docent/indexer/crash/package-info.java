/**
 * The crash tests. {@code CrashTest}: a child JVM syncs a folder that keeps changing and is killed
 * with kill -9 at random points; after each restart and a clean sync the index must equal an
 * uninterrupted run's. {@code GenerationCrashTest} and {@code CommitCrashTest}: a child halts at
 * each named point of {@code indexer.halt.HaltPoints} (inside a commit, the generation switch, the
 * old generation's deletion), repeatedly, and the state it leaves must be whole and repaired.
 */
package dev.docent.indexer.crash;
