package dev.docent.retriever.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

/**
 * The document path of every live chunk of one snapshot, read from the path field's terms (one
 * postings walk, no stored field), with a path filter applied once per path: chunks can be grouped
 * by document and filtered without loading them.
 */
final class PathsOfDocs {

    private final int[] pathIds; // global doc -> index into paths, -1: deleted or rejected
    private final List<String> paths;

    private PathsOfDocs(int[] pathIds, List<String> paths) {
        this.pathIds = pathIds;
        this.paths = paths;
    }

    /** @param accept which paths to keep, or null for all */
    static PathsOfDocs of(IndexReader reader, Predicate<String> accept) throws IOException {
        int[] ids = new int[reader.maxDoc()];
        Arrays.fill(ids, -1);
        List<String> paths = new ArrayList<>();
        Map<String, Integer> idOf = new HashMap<>(); // -1 for a rejected path
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(ChunkFields.PATH);
            if (terms == null) continue;
            Bits live = leaf.reader().getLiveDocs();
            TermsEnum te = terms.iterator();
            PostingsEnum postings = null;
            for (var term = te.next(); term != null; term = te.next()) {
                String path = term.utf8ToString();
                Integer id = idOf.get(path);
                if (id == null) {
                    id = accept == null || accept.test(path) ? paths.size() : -1;
                    if (id >= 0) paths.add(path);
                    idOf.put(path, id);
                }
                if (id < 0) continue;
                postings = te.postings(postings, PostingsEnum.NONE);
                for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                    if (live == null || live.get(d)) ids[leaf.docBase + d] = id;
                }
            }
        }
        return new PathsOfDocs(ids, paths);
    }

    /** The path id of chunk {@code doc}, or -1 if it is deleted or its path was rejected. */
    int pathId(int doc) {
        return pathIds[doc];
    }

    /** How many accepted paths there are (path ids run from 0 to this, exclusive). */
    int size() {
        return paths.size();
    }

    /** The path of an accepted, live chunk. */
    String path(int doc) {
        return paths.get(pathIds[doc]);
    }
}
