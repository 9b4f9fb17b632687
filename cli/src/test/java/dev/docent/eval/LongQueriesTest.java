package dev.docent.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the long-query check is built from a BEIR set's qrels. */
class LongQueriesTest {

    @TempDir
    Path dir;

    @Test
    void theBestGradedRelevantDocumentAsksForTheOthersAndEachDocumentAsksOnce() throws Exception {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Salt", "text": "Salt raises blood pressure."}
                {"_id": "d2", "title": "", "text": "Sodium and hypertension."}
                {"_id": "d3", "title": "Potassium", "text": "Potassium lowers it."}
                {"_id": "d4", "title": "Alone", "text": "The only relevant one."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "salt"}
                {"_id": "q2", "text": "sodium"}
                {"_id": "q3", "text": "one relevant only"}
                {"_id": "q4", "text": "from the train split"}
                """);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"),
                "query-id\tcorpus-id\tscore\r\nq1\td2\t1\r\nq1\td1\t2\r\nq1\td3\t1\r\nq2\td1\t2\r\nq2\td2\t1\r\nq3\td4\t1\r\n");
        Files.writeString(dir.resolve("qrels/train.tsv"), "query-id\tcorpus-id\tscore\r\nq4\td3\t1\r\nq4\td4\t1\r\nq4\td9\t1\r\n");
        BeirSet set = LongQueries.of(dir, BeirSet.load(dir));

        // q1: d1 (grade 2) asks for d2 and d3; q2: d1 is taken, so d2 asks for d1; q3 has one
        // relevant document only; q4 (train) pairs d3 with d4, the missing d9 ignored.
        assertEquals(List.of("d1", "d2", "d3"), List.copyOf(set.queries().keySet()));
        assertEquals("Salt\nSalt raises blood pressure.", set.queries().get("d1"));
        assertEquals("Sodium and hypertension.", set.queries().get("d2"));
        assertEquals(Map.of("d2", 1, "d3", 1), set.qrels().get("d1"));
        assertEquals(Map.of("d1", 2), set.qrels().get("d2"));
        assertEquals(Map.of("d4", 1), set.qrels().get("d3"));
        assertEquals(4, set.corpus().size());
    }
}
