package dev.docent.opensearch;

import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.Searcher;
import dev.docent.retriever.SearcherContractTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** {@link OpenSearchIndex}'s searcher on the 2-node test cluster against the {@link Searcher} contract. */
class OpenSearchSearcherTest extends SearcherContractTest {

    /** The cluster starts here, once per JVM, under its own time limit (not a test's minute). */
    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void cluster() {
        ClusterIndices.connection();
    }


    @Override
    protected Searcher searcherOver(Path dir, List<IndexedChunk> chunks) {
        OpenSearchIndex index = ClusterIndices.open(dir);
        var byPath = new LinkedHashMap<String, List<IndexedChunk>>();
        for (IndexedChunk c : chunks) byPath.computeIfAbsent(c.path(), p -> new ArrayList<>()).add(c);
        byPath.forEach(index::replaceDocument);
        index.commit();
        return index.searcher();
    }
}
