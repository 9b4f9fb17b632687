package dev.docent.web.cli;

import dev.docent.web.Docent;
import dev.docent.web.DocentConfig;
import dev.docent.web.Main;
import dev.docent.web.api.DocentApp;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: index, watch, and serve the UI and API on loopback until stopped. */
public final class ServeCommand implements Main.Command {

    @Override
    public String usage() {
        return """
                Usage: ./docent serve [--port N] [--data DIR] [--model FILE.gguf] FOLDER...

                Indexes the FOLDERs in the background, keeps watching them for changes, and serves the
                web UI and the HTTP API on http://127.0.0.1:PORT/ (this machine only).
                  --port N          port to listen on (default 8080; 0 picks a free one)
                  --data DIR        where the index and catalog live (default: per-user data directory)
                  --model FILE      a GGUF model for generated answers (not available in this build)
                """;
    }

    @Override
    public int run(String[] argv) {
        Args args = Args.parse(argv, Set.of("port", "data", "model"), Set.of());
        DocentConfig config = Common.config(args);
        List<Path> folders = Common.folders(args);
        Common.warnNoLlm(config);
        Docent docent = Docent.open(config);
        Javalin app = DocentApp.create(docent);
        try {
            app.start("127.0.0.1", config.port());
        } catch (RuntimeException e) {
            docent.close();
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + config.port()
                    + " (in use? try --port 0 or another number): " + e.getMessage(), e);
        }
        System.out.println("Docent is serving http://127.0.0.1:" + app.port() + "/");
        System.out.println("Data: " + config.dataDir() + "   Folders: " + folders);
        System.out.println("Indexing runs in the background; progress at http://127.0.0.1:" + app.port() + "/api/status");
        docent.watch(folders);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            docent.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
