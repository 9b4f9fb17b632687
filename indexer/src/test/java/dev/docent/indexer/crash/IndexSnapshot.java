package dev.docent.indexer.crash;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * What a data directory holds, read straight from the committed Lucene index (no writer) and the
 * catalog, with paths made relative to the docs folder so two runs on copies can be compared.
 *
 * @param documents relative path to "status/chunks" from the catalog
 * @param chunkIds "relative path#ordinal" of every live chunk, in index order (duplicates kept)
 * @param textDates relative path to the days (ISO) its text mentions, straight from the catalog's
 *     {@code document_dates} table (a path there without a row would show as a key of its own)
 */
record IndexSnapshot(Map<String, String> documents, List<String> chunkIds, Map<String, List<String>> textDates) {

    static IndexSnapshot of(Path dataDir, Path docs, List<DocumentRecord> records) throws IOException {
        Map<String, String> documents = new TreeMap<>();
        for (DocumentRecord r : records) {
            documents.put(relative(docs, r.path()), r.status() + "/" + (r.status() == DocumentStatus.INDEXED ? r.chunks() : 0));
        }
        List<String> ids = new ArrayList<>();
        try (var dir = FSDirectory.open(dataDir.resolve("index")); DirectoryReader reader = DirectoryReader.open(dir)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                Bits live = r.getLiveDocs();
                var stored = r.storedFields();
                for (int d = 0; d < r.maxDoc(); d++) {
                    if (live != null && !live.get(d)) continue;
                    var doc = stored.document(d);
                    ids.add(relative(docs, doc.get("path")) + "#" + doc.getField("ordinal").numericValue());
                }
            }
        }
        Map<String, List<String>> dates = new TreeMap<>();
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("catalog.db"));
                var rs = db.createStatement().executeQuery("SELECT path, day FROM document_dates ORDER BY path, day")) {
            while (rs.next()) {
                dates.computeIfAbsent(relative(docs, rs.getString(1)), k -> new ArrayList<>())
                        .add(java.time.LocalDate.ofEpochDay(rs.getLong(2)).toString());
            }
        } catch (java.sql.SQLException e) {
            throw new IOException(e);
        }
        return new IndexSnapshot(documents, ids, dates);
    }

    /**
     * The same content with the chunks in path order: an index's document order depends on which
     * files a sync wrote first, which a resumed sync changes, and which no search depends on.
     * Duplicates are kept, so two snapshots still differ by a duplicated chunk.
     */
    IndexSnapshot inPathOrder() {
        List<String> ids = new ArrayList<>(chunkIds);
        ids.sort(null);
        return new IndexSnapshot(documents, ids, textDates);
    }

    private static String relative(Path docs, String path) {
        Path p = Path.of(path);
        return p.startsWith(docs) ? docs.relativize(p).toString() : "OUTSIDE:" + path;
    }
}
