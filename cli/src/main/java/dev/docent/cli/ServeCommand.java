package dev.docent.cli;

import dev.docent.assistant.Docent;
import dev.docent.assistant.DocentConfig;
import dev.docent.web.api.AccessGate;
import dev.docent.web.api.DocentApp;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code serve}: index, watch, and serve the UI and API on loopback until stopped. */
public final class ServeCommand implements Command {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public String usage() {
        return """
                Usage: ./docent serve [--port N] [--data DIR] [--model NAME|FILE.gguf] [--listen ADDR --token-file FILE] FOLDER...
                       ./docent serve --read-only [--port N] [--data DIR] [--model ...] [--listen ...]

                Indexes the FOLDERs in the background, keeps watching them for changes, and serves the
                web UI and the HTTP API on http://127.0.0.1:PORT/ (this machine only). Requests must carry
                the owner's token (DATA/api-token, made readable by you only) as Authorization: Bearer TOKEN;
                the page signs in through the one-time link serve prints (server.require_token = false: no token).
                  --port N          port to listen on (default 8080; 0 picks a free one)
                  --listen ADDR     also serve other machines, on ADDR (0.0.0.0 = every interface); needs
                                    --token-file: remote requests then need Authorization: Bearer TOKEN (that token)
                  --token-file FILE the access token; made on first use (printed once, file readable by you only)
                  --data DIR        where the index and catalog live (default: per-user data directory)
                  --model NAME      a chat model for generated answers: a name from ./docent models (or its
                                    unique beginning), a GGUF file, or auto (default: llm.model in config).
                                    Without one, serve names the model it would use; the page switches models.
                  --read-only       index nothing: answer from the OpenSearch index other Docents write
                                    (index.backend = opensearch); no FOLDER; conversations stay in --data
                """;
    }

    @Override
    public int run(String[] argv) {
        Args args = Args.parse(argv, Set.of("port", "data", "model", "listen", "token-file"), Set.of("read-only"));
        DocentConfig config = Common.config(args);
        boolean readOnly = args.has("read-only");
        if (readOnly && !args.positional().isEmpty()) {
            throw new UsageException("--read-only indexes nothing, so it takes no FOLDER (the writers of the shared index watch theirs)");
        }
        if (readOnly && config.index().kind() != dev.docent.assistant.IndexBackend.Kind.OPENSEARCH) {
            throw new UsageException("--read-only answers from a shared index: set index.backend = opensearch and"
                    + " index.opensearch.hosts in the configuration (the embedded index is answered by the serve that indexes it)");
        }
        List<Path> folders = readOnly ? List.of() : Common.folders(args);
        java.time.Duration grace = shutdownGrace(); // checked before anything opens
        String listen = args.has("listen") ? args.get("listen").strip() : "127.0.0.1";
        boolean remote = !isLoopback(listen);
        if (remote && !args.has("token-file")) {
            throw new UsageException("--listen " + listen + " lets other machines connect, so it needs an access token: "
                    + "add --token-file FILE (a new token is made and printed if FILE does not exist)");
        }
        String remoteToken = args.has("token-file") ? AccessToken.load(Path.of(args.get("token-file")), System.out) : null;
        Docent docent = readOnly ? Docent.openSharedReader(config) : Docent.open(config);
        AccessGate gate;
        try {
            // DATA/api-token: made (mode 600) in the data directory Docent.open has just made private.
            gate = AccessGate.forConfig(config, remoteToken, System.err);
        } catch (RuntimeException e) {
            docent.close();
            throw new UsageException(e.getMessage());
        }
        Common.reportLlm(docent);
        Javalin app = DocentApp.create(docent, gate, grace);
        try {
            app.start(listen, config.port());
        } catch (RuntimeException e) {
            docent.close();
            throw new IllegalStateException("cannot listen on " + listen + ":" + config.port()
                    + " (in use? try --port 0 or another number): " + e.getMessage(), e);
        }
        dev.docent.assistant.StartupTimer.report("web server");
        boolean everywhere = listen.equals("0.0.0.0") || listen.equals("::") || listen.equals("[::]");
        System.out.println("Docent is serving http://" + (remote && !everywhere ? listen : "127.0.0.1") + ":" + app.port() + "/");
        if (gate.requiresToken()) {
            // A one-time code, not the token: the page exchanges it for a session cookie, and the link is spent.
            System.out.println("Open the page with this one-time link: http://127.0.0.1:" + app.port() + "/?login=" + gate.newLoginCode());
            System.out.println("Scripts send Authorization: Bearer $(cat " + gate.tokenFile() + ")   (server.require_token = false turns this off)");
        }
        if (remote) {
            System.out.println("Remote access: on " + listen + ":" + app.port()
                    + "; every request from another machine needs Authorization: Bearer TOKEN (see --token-file)");
        }
        System.out.println("Data: " + config.dataDir() + "   Folders: " + folders);
        if (docent.generator() != null && docent.generator().endpoint() != null) {
            System.out.println("Answers: generated by " + docent.generator().modelName() + " at " + docent.generator().endpoint());
        } else if (docent.generator() != null) {
            System.out.println("Answers: generated by " + docent.models().activeName() + " (" + docent.generator().modelName() + ")");
        } else {
            ModelHint.print(docent.models().models(), System.out);
        }
        if (readOnly) {
            System.out.println("Read-only: answering from the shared index " + docent.indexPlace().indexName() + " at "
                    + docent.indexPlace().hosts() + "; this server indexes nothing");
        } else {
            System.out.println("Indexing runs in the background; progress at http://127.0.0.1:" + app.port() + "/api/status");
            docent.watch(folders);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (!closed.compareAndSet(false, true)) return;
            long t0 = System.nanoTime();
            // New requests get 503; those in flight finish (up to the grace period), then Jetty stops.
            // Only then does Docent close what they were using: the index, the model, the embedder.
            app.stop();
            long t1 = System.nanoTime();
            docent.close();
            log.info("Stopped: web server in {} ms, Docent closed in {} ms", (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            stopped.countDown();
        };
        OrderlyExit.onSignals(close); // SIGTERM, Ctrl-C: close, then exit
        Runtime.getRuntime().addShutdownHook(new Thread(close)); // any other exit
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * {@code server.shutdown_grace_seconds}: how long stopping waits for the requests in flight.
     * Read here, the one command that serves HTTP; a bad value stops the start, naming the key.
     */
    static java.time.Duration shutdownGrace() {
        String v = Common.configProperty("server.shutdown_grace_seconds");
        if (v == null) return DocentApp.DEFAULT_SHUTDOWN_GRACE;
        try {
            int seconds = Integer.parseInt(v);
            if (seconds >= 0 && seconds <= 600) return java.time.Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UsageException("server.shutdown_grace_seconds in " + System.getProperty("docent.config")
                + " must be a whole number of seconds from 0 to 600, got '" + v + "'");
    }

    private static boolean isLoopback(String address) {
        if (address.equalsIgnoreCase("localhost")) return true;
        try {
            return java.net.InetAddress.ofLiteral(address.replaceAll("^\\[|]$", "")).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--listen takes an IP address (e.g. 0.0.0.0 or 192.168.1.20), got " + address);
        }
    }
}
