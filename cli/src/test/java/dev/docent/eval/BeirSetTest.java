package dev.docent.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading BEIR files as the official ones are written: header row, CRLF, graded qrels. */
class BeirSetTest {

    @TempDir
    Path dir;

    @Test
    void readsHeaderCrlfAndGradesAndKeepsOnlyQueriesWithQrels() throws Exception {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "First", "text": "one"}
                {"_id": "d2", "text": "two, no title"}

                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "what is one", "metadata": {}}
                {"_id": "q2", "text": "without qrels"}
                """);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\r\nq1\td1\t2\r\nq1\td2\t1\r\n");
        BeirSet set = BeirSet.load(dir);
        assertEquals(List.of("d1", "d2"), List.copyOf(set.corpus().keySet()));
        assertEquals("", set.corpus().get("d2")[0]);
        assertEquals(Map.of("q1", "what is one"), set.queries());
        assertEquals(Map.of("q1", Map.of("d1", 2, "d2", 1)), set.qrels());
    }

    @Test
    void aFolderThatIsNotBeirSaysWhatIsMissing() {
        var e = assertThrows(IllegalArgumentException.class, () -> BeirSet.load(dir));
        assertTrue(e.getMessage().contains("corpus.jsonl"), e.getMessage());
    }
}
