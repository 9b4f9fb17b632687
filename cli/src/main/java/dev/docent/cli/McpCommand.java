package dev.docent.cli;

import dev.docent.assistant.Docent;
import dev.docent.assistant.DocentConfig;
import dev.docent.mcp.JsonRpcLines;
import dev.docent.mcp.McpServers;
import dev.docent.mcp.PendingReplies;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mcp}: Docent as an MCP server over stdio, for agents that start their tools as child
 * processes. It reads the index of {@code --data} without the write lock, so it runs while
 * {@code serve} keeps that index up to date. Stdout carries the protocol and nothing else: the
 * real stdout goes to the transport, and System.out is pointed at stderr for anything else.
 */
public final class McpCommand implements Command {

    /** How long, after stdin closes, requests already read may take to be answered (an ask on a slow model). */
    private static final Duration REPLY_LIMIT = Duration.ofMinutes(5);

    @Override
    public String usage() {
        return """
                Usage: ./docent mcp [--data DIR] [--model FILE.gguf]

                Speaks the Model Context Protocol over stdin/stdout (tools: search, ask, get_document,
                list_documents, status) on the index in DIR, read-only: build or update it with
                ./docent serve or ./docent index, which may run at the same time. Logs go to stderr.
                Example client entry: {"command": "/path/to/docent", "args": ["mcp"]}
                  --data DIR        where the index lives (default: per-user data directory)
                  --model FILE      a GGUF model for generated answers from 'ask' (default: llm.model in config)
                """;
    }

    @Override
    public int run(String[] argv) {
        Args args = Args.parse(argv, Set.of("data", "model"), Set.of());
        if (!args.positional().isEmpty()) throw new UsageException("mcp takes no folders; it serves the index in --data");
        DocentConfig config = Common.config(args);
        // Requests piped in and then stdin closed still get their replies before the session ends.
        PendingReplies replies = new PendingReplies();
        OutputStream protocol = replies.replies(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true)); // stray prints must not corrupt the protocol
        CountDownLatch stdinClosed = new CountDownLatch(1);
        // Only well-formed single messages reach the SDK, which would end its session (and stop
        // reading stdin, so we never saw its end) at the first line it cannot take; the rest are
        // answered with JSON-RPC errors on the same output.
        InputStream lines = new JsonRpcLines(new FileInputStream(FileDescriptor.in), protocol);
        InputStream in = new FilterInputStream(replies.requests(lines, REPLY_LIMIT)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) stdinClosed.countDown();
                return n;
            }
        };
        try (Docent docent = Docent.openReadOnly(config)) {
            // SIGTERM/Ctrl-C: close Docent (and the embedder's ONNX Runtime) before the JVM's hooks run.
            OrderlyExit.onSignals(docent::close);
            var server = McpServers.stdio(docent, in, protocol);
            System.err.println("docent mcp: serving " + config.dataDir() + " over stdio (read-only)");
            stdinClosed.await(); // the client closed stdin: it is done with us
            server.closeGracefully();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        return 0;
    }
}
