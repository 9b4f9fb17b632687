package dev.docent.retriever.lucene;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.StoredFieldsReader;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DocumentStoredFieldVisitor;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;

/**
 * Stored fields of many chunks at once. Lucene compresses stored fields in blocks of many chunks;
 * reading one chunk decompresses its block from the start up to that chunk, so thousands of chunks
 * read one by one decompress each block many times over (a kind question listing 8,000 of 100,000
 * documents). Past {@link #MANY} chunks they are read per segment through the codec's sequential
 * reader (its merge instance), which decompresses each block once and serves every chunk in it.
 * docs/benchmarks.md measures both; {@code -Ddocent.bench.oneByOne=true} forces the one-by-one way
 * (for the benchmark's A/B rounds only).
 */
final class BlockReads {

    /** From this many chunks on, the sequential reader is used (below it a few partial blocks cost less). */
    static final int MANY = 256;

    private BlockReads() {}

    /** The stored fields of {@code docs} (global doc ids), keyed by doc id. */
    static Map<Integer, Document> load(IndexReader reader, StoredFields stored, int[] docs) throws IOException {
        int[] sorted = docs.clone();
        Arrays.sort(sorted);
        Map<Integer, Document> out = new HashMap<>(2 * sorted.length);
        if (sorted.length < MANY || Boolean.getBoolean("docent.bench.oneByOne")) {
            // In doc id order: neighbours share a compressed block.
            for (int doc : sorted) out.put(doc, stored.document(doc));
            return out;
        }
        List<LeafReaderContext> leaves = reader.leaves();
        int i = 0;
        for (LeafReaderContext leaf : leaves) {
            int end = leaf.docBase + leaf.reader().maxDoc();
            if (i >= sorted.length || sorted[i] >= end) continue;
            StoredFieldsReader sequential = leaf.reader() instanceof CodecReader codec ? codec.getFieldsReader().getMergeInstance() : null;
            StoredFields leafStored = sequential == null ? leaf.reader().storedFields() : null;
            for (; i < sorted.length && sorted[i] < end; i++) {
                int local = sorted[i] - leaf.docBase;
                if (sequential == null) {
                    out.put(sorted[i], leafStored.document(local));
                } else {
                    DocumentStoredFieldVisitor visitor = new DocumentStoredFieldVisitor();
                    sequential.document(local, visitor);
                    out.put(sorted[i], visitor.getDocument());
                }
            }
        }
        return out;
    }
}
