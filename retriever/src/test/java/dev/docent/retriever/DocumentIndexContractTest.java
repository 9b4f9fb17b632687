package dev.docent.retriever;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link DocumentIndex} must do beyond the {@link ChunkStore} contract: the per-document
 * reads the source viewer and the sync use, the per-path chunk counts the reconciliation compares
 * with the catalog, the commit sequence, and a read-only view that sees commits and refuses writes.
 */
public abstract class DocumentIndexContractTest {

    @TempDir
    protected Path dir;

    /** Opens (creating if needed) the index kept in {@code dir} for writing. */
    protected abstract DocumentIndex open(Path dir);

    /** Opens the index kept in {@code dir} for reading beside a writer. */
    protected abstract DocumentIndex openReadOnly(Path dir);

    private static IndexedChunk chunk(String path, int ordinal, int page, String text, float[] v, String regions) {
        return new IndexedChunk(path, "Title of " + path, page, "Heading " + ordinal, ordinal, ordinal * 100,
                ordinal * 100 + text.length(), text, v, regions);
    }

    private static float[] vector(int hot) {
        float[] v = new float[8];
        v[hot] = 0.6f;
        v[(hot + 1) % 8] = 0.8f;
        return v;
    }

    /** Three chunks of a PDF-like document (two on page 2, with regions) and one plain document. */
    private static void write(DocumentIndex index) {
        index.replaceDocument("/docs/report.pdf", List.of(
                chunk("/docs/report.pdf", 0, 1, "The harbour opened in spring.", vector(0), "10,10,100,20"),
                chunk("/docs/report.pdf", 1, 2, "Cranes were delivered in May.", vector(1), "10,40,100,20"),
                chunk("/docs/report.pdf", 2, 2, "The first ship docked in June.", vector(2), "")));
        index.replaceDocument("/docs/notes.txt", List.of(chunk("/docs/notes.txt", 0, 0, "Walrus sightings.", vector(3), "")));
    }

    @Test
    void chunksOfADocumentComeInDocumentOrderWithTheirStoredFields() {
        try (DocumentIndex index = open(dir)) {
            write(index);
            index.commit();
            List<Hit> chunks = index.chunksOf("/docs/report.pdf");
            assertEquals(List.of(0, 1, 2), chunks.stream().map(Hit::ordinal).toList());
            assertEquals("Cranes were delivered in May.", chunks.get(1).text());
            assertEquals(2, chunks.get(1).page());
            assertEquals("Heading 1", chunks.get(1).heading());
            assertEquals("Title of /docs/report.pdf", chunks.get(1).title());
            assertEquals(100, chunks.get(1).startOffset());
            assertEquals(List.of(), index.chunksOf("/docs/missing.pdf"));
        }
    }

    @Test
    void storedChunksComeBackAsWrittenVectorsIncluded() {
        try (DocumentIndex index = open(dir)) {
            write(index);
            index.commit();
            List<IndexedChunk> stored = index.storedChunksOf("/docs/report.pdf");
            assertEquals(3, stored.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(i, stored.get(i).ordinal());
                assertArrayEquals(vector(i), stored.get(i).vector(), 1e-6f);
            }
            assertEquals("10,40,100,20", stored.get(1).regions());
            assertEquals(List.of(), index.storedChunksOf("/docs/missing.pdf"));
        }
    }

    @Test
    void regionsOfAPageOverlappingARangeOnly() {
        try (DocumentIndex index = open(dir)) {
            write(index);
            index.commit();
            assertEquals(List.of("10,40,100,20"), index.regionsOf("/docs/report.pdf", 2, 0, 1000)); // chunk 2 has none
            assertEquals(List.of("10,10,100,20"), index.regionsOf("/docs/report.pdf", 1, 5, 6));
            assertEquals(List.of(), index.regionsOf("/docs/report.pdf", 2, 500, 600)); // no chunk there
            assertEquals(List.of(), index.regionsOf("/docs/report.pdf", 3, 0, 1000));
        }
    }

    @Test
    void chunkCountsByPathAndEveryChunkFollowReplacesAndDeletes() {
        try (DocumentIndex index = open(dir)) {
            write(index);
            index.commit();
            assertEquals(Map.of("/docs/report.pdf", 3, "/docs/notes.txt", 1), index.chunkCountsByPath());
            index.replaceDocument("/docs/report.pdf", List.of(chunk("/docs/report.pdf", 0, 1, "Shorter now.", vector(4), "")));
            index.deleteDocument("/docs/notes.txt");
            index.commit();
            assertEquals(Map.of("/docs/report.pdf", 1), index.chunkCountsByPath());
            List<String> texts = new ArrayList<>();
            index.forEachChunk(h -> texts.add(h.text()));
            assertEquals(List.of("Shorter now."), texts);
        }
    }

    @Test
    void theCommitSequenceSurvivesAReopen() {
        try (DocumentIndex index = open(dir)) {
            assertEquals(-1, index.committedSequence());
            write(index);
            index.prepareCommit(7);
            index.commit();
            assertEquals(7, index.committedSequence());
        }
        try (DocumentIndex index = open(dir)) {
            assertEquals(7, index.committedSequence());
            index.deleteDocument("/docs/notes.txt");
            index.prepareCommit(8);
            index.commit();
        }
        try (DocumentIndex index = open(dir)) {
            assertEquals(8, index.committedSequence());
        }
    }

    @Test
    void aReadOnlyViewSeesCommitsAndRefusesWrites() {
        try (DocumentIndex writer = open(dir)) {
            write(writer);
            writer.commit();
            try (DocumentIndex reader = openReadOnly(dir)) {
                assertTrue(reader.readOnly());
                assertEquals(4, reader.chunkCount());
                assertEquals(3, reader.chunksOf("/docs/report.pdf").size());
                assertThrows(RuntimeException.class, () -> reader.replaceDocument("/docs/x.txt", List.of()));
                writer.deleteDocument("/docs/notes.txt");
                writer.commit();
                reader.refresh();
                assertEquals(3, reader.chunkCount());
            }
            assertTrue(!writer.readOnly());
        }
    }
}
