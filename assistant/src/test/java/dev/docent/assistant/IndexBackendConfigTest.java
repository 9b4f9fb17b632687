package dev.docent.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code index.*} keys: Lucene unless told otherwise; an OpenSearch cluster by hosts, index and
 * the name of the environment variable with the credentials (never the credentials themselves); a
 * wrong value stops the start naming the key and its line; a Docent asked for the cluster backend,
 * which the indexer does not write through yet, says so instead of quietly using Lucene.
 */
class IndexBackendConfigTest {

    @Test
    void luceneIsTheDefaultAndTheClusterIsNamedByHostsIndexAndAnEnvironmentVariable(@TempDir Path tmp) throws Exception {
        assertEquals(IndexBackend.LUCENE, DocentConfig.load(Files.writeString(tmp.resolve("a.properties"), "server.port = 8181\n")).index());
        Path f = Files.writeString(tmp.resolve("b.properties"), """
                index.backend = opensearch
                index.opensearch.hosts = http://10.0.0.5:9200, https://search-2.example:9200
                index.opensearch.index = team-docs
                index.opensearch.credentials_env = DOCENT_OS_AUTH
                """);
        IndexBackend b = DocentConfig.load(f).index();
        assertEquals(IndexBackend.Kind.OPENSEARCH, b.kind());
        assertEquals(List.of(URI.create("http://10.0.0.5:9200"), URI.create("https://search-2.example:9200")), b.hosts());
        assertEquals("team-docs", b.index());
        assertEquals("docent:s3cret", b.credentials(Map.of("DOCENT_OS_AUTH", "docent:s3cret")::get));
        var unset = assertThrows(IllegalStateException.class, () -> b.credentials(Map.<String, String>of()::get));
        assertTrue(unset.getMessage().contains("DOCENT_OS_AUTH") && unset.getMessage().contains("not set"), unset.getMessage());
        assertNull(IndexBackend.parse(Map.of("index.backend", "opensearch", "index.opensearch.hosts", "http://h:9200")::get)
                .credentials(System::getenv), "no variable named: no credentials");
    }

    @Test
    void aWrongValueNamesItsKeyAndLine(@TempDir Path tmp) throws Exception {
        String[][] cases = {
                {"index.backend = elastic\n", "line 1", "index.backend must be lucene or opensearch"},
                {"index.backend = opensearch\n", "line 1", "needs index.opensearch.hosts"},
                {"index.backend = opensearch\nindex.opensearch.hosts = 10.0.0.5\n", "line 2", "http(s)://HOST:PORT"},
                {"index.backend = opensearch\nindex.opensearch.hosts = http://h:9200\nindex.opensearch.index = Docs\n", "line 3", "lower case"},
                {"index.opensearch.hosts = http://h:9200\n", "line 1", "index.backend is lucene"}};
        for (String[] c : cases) {
            Path f = Files.writeString(tmp.resolve("c.properties"), c[0]);
            var e = assertThrows(IllegalArgumentException.class, () -> DocentConfig.load(f), c[0]);
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(c[2]), c[0] + " -> " + e.getMessage());
        }
    }
}
