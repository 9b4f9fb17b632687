/** Test-only Tika parsers that hang, overflow the stack or run out of memory, for hostile-file tests. */
package dev.docent.indexer.hostile;
