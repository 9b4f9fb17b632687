package dev.docent.retriever;

import dev.docent.retriever.fusion.HybridSearch;
import dev.docent.retriever.lucene.ChunkIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFormatTest {

    @TempDir
    Path dir;

    @Test
    void parsesSpecsWithLuceneDefaultsForWhatIsLeftOut() {
        assertEquals(new VectorFormat(16, 100, false), VectorFormat.parse("hnsw"));
        assertEquals(new VectorFormat(32, 200, true), VectorFormat.parse("int8(m=32,beam=200)"));
        assertEquals(new VectorFormat(8, 100, false), VectorFormat.parse(" HNSW(m=8) "));
        assertEquals("int8(m=24,beam=100)", VectorFormat.parse("int8(m=24)").toString());
        assertThrows(IllegalArgumentException.class, () -> VectorFormat.parse("pq(m=8)"));
        assertThrows(IllegalArgumentException.class, () -> VectorFormat.parse("hnsw(m=1)"));
    }

    /** An int8 index reopened with the default format still reads its segments (each records its own format). */
    @Test
    void anInt8IndexIsSearchedThroughItsGraphAndReopensUnderTheDefault() {
        Random r = new Random(7);
        List<float[]> vectors = new ArrayList<>();
        try (var index = ChunkIndex.open(dir, VectorFormat.parse("int8(m=8,beam=50)"))) {
            for (int i = 0; i < 300; i++) {
                float[] v = new float[16];
                double s = 0;
                for (int d = 0; d < v.length; d++) s += (v[d] = (float) r.nextGaussian()) * v[d];
                for (int d = 0; d < v.length; d++) v[d] /= (float) Math.sqrt(s);
                vectors.add(v);
                index.replaceDocument("/d" + i, List.of(new IndexedChunk("/d" + i, "", 0, "", 0, 0, 1, "x", v)));
            }
            index.commit();
        }
        try (var index = ChunkIndex.open(dir)) {
            // exactKnnBelow 0: through the HNSW graph over the quantized vectors
            var searcher = index.searcher(TextScoring.DEFAULT, 0);
            var search = new HybridSearch(searcher, dev.docent.retriever.fusion.Fusions.parse("vector"), 10);
            int found = 0;
            for (int q = 0; q < 20; q++) {
                Hit top = search.search(null, vectors.get(q), 1).getFirst();
                if (top.path().equals("/d" + q)) found++;
                assertEquals(1.0, top.cosine(), 0.02, "the cosine reported is close to the float one");
            }
            assertEquals(20, found, "each vector finds itself");
        }
    }
}
