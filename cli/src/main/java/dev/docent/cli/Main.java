package dev.docent.cli;

import dev.docent.assistant.Logging;
import dev.docent.assistant.StartupTimer;
import java.util.Arrays;

/** {@code docent <command> [options]}: the CLI entry point. */
public final class Main {

    static final String USAGE = """
            Docent: answers questions about your own documents, with citations. Uses the network only for
            `models pull` (and a remote model server, if you configure one).

            Usage: ./docent <command> [options]

            Commands:
              serve [--port N] [--data DIR] [--model NAME|FILE.gguf] FOLDER...
                                  index FOLDERs, keep watching them, serve the UI and API on http://127.0.0.1:PORT/
              index [--data DIR] FOLDER...
                                  index FOLDERs once, with a progress bar, then exit
              ask [--data DIR] [--model FILE.gguf] [--json] [--top-k N] "question"
                                  answer from the index in DIR
              eval [--json] [--limit N] BEIR_DIR
                                  retrieval quality on a BEIR-format set (nDCG@10, Recall@100, MRR@10)
              models [--json]     GGUF models on this machine (Docent's folder, Ollama, LM Studio, Hugging Face,
                                  GPT4All), with the NAME serve --model takes
              models pull REPO/FILE.gguf [--base-url URL]
                                  download a model into DATA/models (the one command that uses the network)
              mcp [--data DIR]    an MCP server over stdio (search, ask, get_document, list_documents, status),
                                  read-only on the index in DIR, so it runs beside serve
              generations [--json] | generations prune [--force]
                                  with index.backend = opensearch: the index's generations on the cluster;
                                  prune deletes old ones no writer uses any more
              service install [--data DIR] FOLDER... | status | uninstall
                                  run serve in the background at login (systemd user unit, launchd agent)

            Every command takes --verbose (log everything to the terminal, not only warnings);
            the full log is in DATA/logs/. Run ./docent <command> --help for details.
            """;

    private Main() {}

    public static void main(String[] argv) {
        // Logging first: it names SLF4J's provider, which must happen before any class gets a logger.
        Logging.toTerminal(Arrays.asList(argv).contains("--verbose"));
        StartupTimer.mainStarted();
        int code = OrderlyExit.exitCode(run(argv));
        ClassDataNotice.beforeExit();
        System.exit(code);
    }

    /** Runs a command and returns its exit code: 0 done, 1 failed, 2 usage error. */
    public static int run(String[] argv) {
        argv = Arrays.stream(argv).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            System.out.print(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        Command command = switch (argv[0]) {
            case "serve" -> new ServeCommand();
            case "index" -> new IndexCommand();
            case "ask" -> new AskCommand();
            case "eval" -> new EvalCommand();
            case "models" -> new ModelsCommand();
            case "mcp" -> new McpCommand();
            case "service" -> new ServiceCommand();
            case "generations" -> new GenerationsCommand();
            default -> null;
        };
        if (command == null) {
            System.err.println("docent: unknown command '" + argv[0] + "'\n");
            System.err.print(USAGE);
            return 2;
        }
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            System.out.print(command.usage());
            return 0;
        }
        try {
            return command.run(rest);
        } catch (UsageException e) {
            System.err.println("docent " + argv[0] + ": " + e.getMessage() + "\n");
            System.err.print(command.usage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("docent " + argv[0] + ": " + e.getMessage());
            return 1;
        }
    }
}
