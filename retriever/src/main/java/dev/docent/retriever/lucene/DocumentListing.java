package dev.docent.retriever.lucene;

import dev.docent.retriever.DocumentMatch;
import dev.docent.retriever.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;

/** A document match without condition: every accepted document with its first chunks, by path. */
final class DocumentListing {

    private static final Set<String> ORDINAL_ONLY = Set.of(ChunkFields.ORDINAL);

    private DocumentListing() {}

    /**
     * A document's chunks are usually written in order, so its lowest doc ids are read first (all
     * documents' together, in doc id order) and kept when their ordinals are 0, 1, ...; only for a
     * document written out of order is every chunk's ordinal read.
     */
    static List<DocumentMatch> firstChunks(IndexReader reader, PathsOfDocs paths, StoredFields stored, int passages) throws IOException {
        int maxDoc = reader.maxDoc();
        Map<Integer, List<Integer>> byPath = new HashMap<>(); // path id -> its docs, ascending
        for (int doc = 0; doc < maxDoc; doc++) {
            if (paths.pathId(doc) >= 0) byPath.computeIfAbsent(paths.pathId(doc), p -> new ArrayList<>()).add(doc);
        }
        int[] lowest = byPath.values().stream().flatMap(docs -> docs.stream().limit(passages)).mapToInt(d -> d).toArray();
        Map<Integer, Document> documents = BlockReads.load(reader, stored, lowest);
        List<DocumentMatch> out = new ArrayList<>(byPath.size());
        for (List<Integer> list : byPath.values()) {
            int[] docs = list.stream().mapToInt(d -> d).toArray();
            int n = Math.min(passages, docs.length);
            List<Hit> hits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Document d = documents.get(docs[i]);
                if (d.getField(ChunkFields.ORDINAL).numericValue().intValue() != i) {
                    hits.clear();
                    for (int doc : firstByOrdinal(stored, docs, n)) hits.add(ChunkFields.toHit(stored.document(doc), 0));
                    break;
                }
                hits.add(ChunkFields.toHit(d, 0));
            }
            out.add(new DocumentMatch(paths.path(docs[0]), hits, false, false, 0, docs.length));
        }
        out.sort(Comparator.comparing(DocumentMatch::path));
        return out;
    }

    /** The {@code n} docs of lowest ordinal among {@code docs}, in ordinal order. */
    private static int[] firstByOrdinal(StoredFields stored, int[] docs, int n) throws IOException {
        long[] keyed = new long[docs.length]; // ordinal in the high half, doc in the low half
        for (int i = 0; i < docs.length; i++) keyed[i] = ((long) ordinal(stored, docs[i]) << 32) | docs[i];
        Arrays.sort(keyed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = (int) keyed[i];
        return out;
    }

    private static int ordinal(StoredFields stored, int doc) throws IOException {
        return stored.document(doc, ORDINAL_ONLY).getField(ChunkFields.ORDINAL).numericValue().intValue();
    }
}
