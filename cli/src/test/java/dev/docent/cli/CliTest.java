package dev.docent.cli;

import dev.docent.web.RunningDocent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it: index, ask (text and JSON), eval, and usage errors. */
class CliTest {


    @Test
    void indexThenAskFromTheSameDataDirectory(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("bees.txt"), "The beehives are inspected every Thursday morning.");
        Files.writeString(docs.resolve("empty.pdf"), "");
        String data = tmp.resolve("data").toString();

        CliRun index = CliRun.of("index", "--data", data, docs.toString());
        assertEquals(0, index.exit(), index.err());
        assertTrue(index.out().contains("Indexed 1, failed 1"), index.out());
        assertTrue(index.out().contains("empty.pdf: empty file"), index.out());

        CliRun ask = CliRun.of("ask", "--data", data, "When are the beehives inspected?");
        assertEquals(0, ask.exit(), ask.err());
        assertTrue(ask.out().contains("every Thursday morning"), ask.out());
        assertTrue(ask.out().contains("[1] bees.txt"), ask.out());

        CliRun json = CliRun.of("ask", "--data", data, "--json", "--top-k", "1", "beehives");
        assertEquals(0, json.exit(), json.err());
        var node = RunningDocent.JSON.readTree(json.out());
        assertEquals("extractive", node.get("mode").asText());
        assertEquals(1, node.get("citations").size());
    }

    /**
     * ask beside a running serve (a real child JVM holding the index's write lock): ask reads the
     * committed index read-only. Before, it opened a writer and failed on the lock.
     */
    @Test
    @org.junit.jupiter.api.Timeout(180)
    void askWorksWhileServeRunsOnTheSameDataDirectory(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("bees.txt"), "The beehives are inspected every Thursday morning.");
        String data = tmp.resolve("data").toString();
        assertEquals(0, CliRun.of("index", "--data", data, docs.toString()).exit());
        try (ChildDocent serve = ChildDocent.start(List.of(), java.util.Map.of(), List.of(),
                List.of("serve", "--port", "0", "--data", data, docs.toString()))) {
            serve.awaitPort(java.time.Duration.ofSeconds(90));
            CliRun ask = CliRun.of("ask", "--data", data, "When are the beehives inspected?");
            assertEquals(0, ask.exit(), ask.err() + "\nserve: " + serve.output());
            assertTrue(ask.out().contains("every Thursday morning"), ask.out());
            assertTrue(serve.process.isAlive(), "serve died: " + serve.output());
        }
    }

    @Test
    void askingAnEmptyIndexSaysWhatToDo(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.of("ask", "--data", tmp.toString(), "anything?");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("run ./docent index"), r.err());
    }

    @Test
    void usageErrorsExitWith2AndExplain(@TempDir Path tmp) throws Exception {
        assertEquals(2, CliRun.of().exit());
        CliRun unknown = CliRun.of("frobnicate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown command"));
        CliRun noFolder = CliRun.of("index", "--data", tmp.toString(), tmp.resolve("missing").toString());
        assertEquals(2, noFolder.exit());
        assertTrue(noFolder.err().contains("folder not found"), noFolder.err());
        CliRun badFlag = CliRun.of("serve", "--prot", "9");
        assertEquals(2, badFlag.exit());
        assertTrue(badFlag.err().contains("unknown option --prot"), badFlag.err());
        CliRun badPort = CliRun.of("serve", "--port", "eighty", tmp.toString());
        assertEquals(2, badPort.exit());
        assertTrue(badPort.err().contains("whole number"), badPort.err());
        // serve --read-only answers from a shared (cluster) index: no FOLDER, and not with the embedded index.
        CliRun readOnlyFolder = CliRun.of("serve", "--read-only", "--data", tmp.toString(), tmp.toString());
        assertEquals(2, readOnlyFolder.exit());
        assertTrue(readOnlyFolder.err().contains("takes no FOLDER"), readOnlyFolder.err());
        CliRun readOnlyLucene = CliRun.of("serve", "--read-only", "--data", tmp.toString());
        assertEquals(2, readOnlyLucene.exit());
        assertTrue(readOnlyLucene.err().contains("index.backend = opensearch"), readOnlyLucene.err());
        CliRun help = CliRun.of("ask", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Usage: ./docent ask"));
    }

    @Test
    void evalScoresATinyBeirSet(@TempDir Path tmp) throws Exception {
        Path set = Files.createDirectories(tmp.resolve("tiny"));
        Files.createDirectories(set.resolve("qrels"));
        Files.writeString(set.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Bees", "text": "Honey bees pollinate apple blossoms in spring."}
                {"_id": "d2", "title": "Tractors", "text": "The tractor engine needs new oil every 250 hours."}
                {"_id": "d3", "title": "Frost", "text": "Wind machines protect orchards from spring frost."}
                {"_id": "q1", "title": "", "text": "Which insects pollinate apple blossoms?"}
                """);
        Files.writeString(set.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "which insects pollinate apple blossoms"}
                {"_id": "q2", "text": "how often does the tractor need an oil change"}
                {"_id": "q3", "text": "not in the test split"}
                """);
        Files.writeString(set.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\nq2\td2\t1\r\n");
        CliRun r = CliRun.of("eval", "--json", "--data", tmp.resolve("data").toString(), set.toString());
        assertEquals(0, r.exit(), r.err());
        var node = RunningDocent.JSON.readTree(r.out());
        assertEquals("hybrid", node.get("default_mode").asText(), r.out());
        assertEquals("lucene", node.get("backend").asText(), r.out());
        // Query q1 is also a corpus document with its very words; BEIR drops it from q1's ranking,
        // so d1 still counts as first and every mode scores 1.0.
        for (String mode : new String[] {"bm25", "vector", "rrf", "hybrid"}) {
            assertEquals(2, node.get(mode).get("queries").asInt(), r.out());
            assertEquals(1.0, node.get(mode).get("ndcg@10").asDouble(), 1e-9, mode + ": " + r.out());
            assertEquals(1.0, node.get(mode).get("recall@100").asDouble(), 1e-9, mode + ": " + r.out());
            assertEquals(1.0, node.get(mode).get("mrr@10").asDouble(), 1e-9, mode + ": " + r.out());
            assertTrue(node.get(mode).get("latency_ms").get("p99").asDouble() >= node.get(mode).get("latency_ms").get("p50").asDouble());
        }
        CliRun picked = CliRun.of("eval", "--json", "--limit", "1", "--mode", "bm25,convex(vector=0.5,norm=zscore)+prf(docs=1,weight=1)",
                "--data", tmp.resolve("data").toString(), set.toString());
        assertEquals(0, picked.exit(), picked.err());
        var p = RunningDocent.JSON.readTree(picked.out());
        assertEquals("[\"bm25\",\"convex(vector=0.5,norm=zscore)+prf(docs=1,weight=1)\"]", p.get("modes").toString());
        assertEquals(1, p.get("bm25").get("queries").asInt());
        CliRun bad = CliRun.of("eval", "--mode", "borda", set.toString());
        assertTrue(bad.exit() != 0 && bad.err().contains("unknown fusion"), bad.err());
        // The cluster's options go with --backend opensearch, which needs its hosts (EvalParityTest runs it on a cluster).
        CliRun stray = CliRun.of("eval", "--hosts", "http://127.0.0.1:9200", set.toString());
        assertTrue(stray.exit() != 0 && stray.err().contains("--hosts is for --backend opensearch"), stray.err());
        CliRun noHosts = CliRun.of("eval", "--backend", "opensearch", set.toString());
        assertTrue(noHosts.exit() != 0 && noHosts.err().contains("needs --hosts"), noHosts.err());
    }
}
