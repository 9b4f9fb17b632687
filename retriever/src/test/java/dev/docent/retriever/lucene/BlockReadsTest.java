package dev.docent.retriever.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Block-by-block reads return exactly what one-by-one reads return, across segments and deletions. */
class BlockReadsTest {

    @TempDir
    Path dir;

    @Test
    void manyChunksReadBlockByBlockEqualTheOneByOneReads() throws Exception {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
            for (int i = 0; i < 3_000; i++) {
                Document doc = new Document();
                doc.add(new StringField("id", "c" + i, Field.Store.YES));
                doc.add(new StoredField("ordinal", i));
                StringBuilder text = new StringBuilder();
                for (int k = r.nextInt(200); k >= 0; k--) text.append((char) ('a' + r.nextInt(26))).append(k % 7 == 0 ? " " : "");
                doc.add(new StoredField("text", text.toString()));
                w.addDocument(doc);
                if (i % 1_000 == 999) w.commit(); // three segments
            }
            for (int i = 0; i < 3_000; i += 97) w.deleteDocuments(new Term("id", "c" + i));
            w.commit();
        }
        try (FSDirectory d = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(d)) {
            assertEquals(3, reader.leaves().size());
            var live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
            for (int n : new int[] {BlockReads.MANY - 1, BlockReads.MANY, 1_500}) {
                int[] docs = IntStream.range(0, reader.maxDoc()).filter(doc -> live == null || live.get(doc))
                        .filter(doc -> r.nextInt(3_000) < n).toArray();
                Map<Integer, Document> read = BlockReads.load(reader, reader.storedFields(), docs);
                assertEquals(docs.length, read.size(), "seed " + seed);
                for (int doc : docs) {
                    Document expected = reader.storedFields().document(doc);
                    Document got = read.get(doc);
                    for (String field : new String[] {"id", "text"}) {
                        assertEquals(expected.get(field), got.get(field), "doc " + doc + " " + field + ", seed " + seed);
                    }
                    assertEquals(expected.getField("ordinal").numericValue(), got.getField("ordinal").numericValue(), "doc " + doc);
                }
            }
        }
    }
}
