package dev.docent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what a service manager or an MCP client sends) ends {@code serve} and {@code mcp} with
 * 128 + 15 after closing Docent, while the embedder may still be loading: without the orderly exit,
 * ONNX Runtime's own shutdown hook freed its environment under a running load and the JVM died
 * with SIGSEGV.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SignalExitTest {

    @Test
    void serveAndMcpCloseBeforeExitingOnSigterm(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("note.txt"), "The greenhouse is watered every morning at six.");
        String data = tmp.resolve("data").toString();
        try (ChildDocent index = ChildDocent.start(List.of(), Map.of(), List.of(), List.of("index", "--data", data, docs.toString()))) {
            assertTrue(index.process.waitFor(90, TimeUnit.SECONDS), "index did not finish");
            assertEquals(0, index.process.exitValue(), index.output());
        }

        try (ChildDocent serve = ChildDocent.start(List.of(), Map.of(), List.of(),
                List.of("serve", "--port", "0", "--data", data, docs.toString()))) {
            serve.awaitPort(Duration.ofSeconds(60)); // the embedder is typically still loading now
            assertCleanExit(serve, serve.terminate(Duration.ofSeconds(30)));
        }
        try (ChildDocent mcp = ChildDocent.start(List.of(), Map.of(), List.of(), List.of("mcp", "--data", data))) {
            mcp.awaitOutput("docent mcp: serving", Duration.ofSeconds(60));
            assertCleanExit(mcp, mcp.terminate(Duration.ofSeconds(30)));
        }
    }

    private static void assertCleanExit(ChildDocent child, int exitCode) {
        assertEquals(128 + 15, exitCode, child.output());
        assertFalse(child.output().contains("SIGSEGV") || child.output().contains("fatal error"), child.output());
    }
}
