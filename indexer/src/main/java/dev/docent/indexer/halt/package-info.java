/**
 * Named places in the writing of an index where a crash test makes its child JVM die ({@link
 * dev.docent.indexer.halt.HaltPoints}): a test seam in production code, inert unless the system
 * property {@code docent.test.halt} is set, because a kill timed from outside cannot reliably land
 * between two lines a few microseconds apart (Lucene's prepared commit and its commit, the pointer's
 * rename and the directory's fsync).
 */
package dev.docent.indexer.halt;
