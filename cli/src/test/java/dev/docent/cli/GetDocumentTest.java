package dev.docent.cli;

import dev.docent.indexer.extract.ScannedPdfs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.docent.assistant.Docent;
import dev.docent.assistant.DocentConfig;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.extract.PageOcr;
import dev.docent.mcp.DocentTools;
import dev.docent.web.RunningDocent;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP get_document reads a file as the sync does (issue 18 item 5): through the indexer's checks,
 * limits and extractor with OCR, on serve's Docent and on a read-only one ({@code docent mcp}).
 */
class GetDocumentTest {

    private static final long LIMIT = 1024 * 1024;

    @Test
    @Timeout(240)
    void readsAsTheSyncDoesScansByOcrAndRefusesLinksAndOversizedFiles(@TempDir Path tmp) throws Exception {
        assumeTrue(PageOcr.tesseractOnPath(), "tesseract is not installed (Debian: tesseract-ocr)");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
        scan(src.resolve("scan.pdf"), "The lighthouse keeper counted seven gulls");
        Files.writeString(src.resolve("big.txt"), "All work and no play. ".repeat((int) (LIMIT / 20)));
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "The safe code is 4711.");
        java.util.function.UnaryOperator<DocentConfig> limits = c -> c.withIndexing(new IndexingLimits(
                c.indexing().timePerFile(), LIMIT, "auto", c.indexing().chunkTokens(), c.indexing().ocrLanguages()));
        DocentConfig config;
        Path docs;
        try (var server = new RunningDocent(src, tmp, limits)) {
            server.awaitIndexed(Duration.ofMinutes(2));
            docs = server.folder;
            config = server.docent.config();
            // serve's Docent: the scan that search finds is read through OCR.
            assertTrue(text(call(server.docent, Map.of("path", docs.resolve("scan.pdf").toString()))).contains("gulls"));
        }
        try (Docent readOnly = Docent.openReadOnly(config)) { // as docent mcp opens it
            String scanned = text(call(readOnly, Map.of("path", docs.resolve("scan.pdf").toString())));
            assertTrue(scanned.contains("lighthouse") && scanned.contains("gulls"), scanned);

            CallToolResult big = call(readOnly, Map.of("path", docs.resolve("big.txt").toString()));
            assertTrue(big.isError(), "bigger than indexing.max_file_mb: " + text(big));
            assertTrue(text(big).contains("too large") && text(big).contains("indexing.max_file_mb"), text(big));

            Path lily = docs.resolve("lily.txt");
            assertTrue(text(call(readOnly, Map.of("path", lily.toString()))).contains("red ball"));
            Files.delete(lily);
            Files.createSymbolicLink(lily, secret);
            CallToolResult linked = call(readOnly, Map.of("id", dev.docent.indexer.DocumentId.of(lily.toString())));
            assertTrue(linked.isError(), "a link swapped in for a catalogued file: " + text(linked));
            assertTrue(text(linked).contains("symbolic link"), text(linked));
            assertFalse(text(linked).contains("4711"), text(linked));
        }
    }

    private static CallToolResult call(Docent docent, Map<String, Object> args) {
        var spec = DocentTools.over(docent, McpJsonDefaults.getMapper()).stream()
                .filter(s -> s.tool().name().equals("get_document")).findFirst().orElseThrow();
        return spec.callHandler().apply(null, new CallToolRequest("get_document", args));
    }

    private static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    /** A one-page PDF holding only a picture of {@code line}: the indexer tests' scan. */
    private static void scan(Path file, String line) throws Exception {
        ScannedPdfs.write(file, List.of(line));
    }
}
