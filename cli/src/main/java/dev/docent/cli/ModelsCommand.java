package dev.docent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.docent.llm.ModelChoice;
import dev.docent.llm.ModelFinder;
import dev.docent.llm.ModelInfo;
import dev.docent.assistant.DocentConfig;
import dev.docent.assistant.PrivateDataDirectory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code models}: GGUF files already on this machine that Docent can use; {@code models pull}: download one. */
public final class ModelsCommand implements Command {

    @Override
    public String usage() {
        return """
                Usage: ./docent models [--data DIR] [--json]
                       ./docent models pull REPO/FILE.gguf [--base-url URL] [--sha256 HEX] [--data DIR]

                Lists GGUF model files in Docent's models folder (DIR/models) and in the caches of
                Ollama, LM Studio, Hugging Face and GPT4All, with the NAME to pick each by
                (serve --model NAME, or in the page), size, architecture and quantization read from
                each file's header. Embedding models and other files that cannot write answers are
                listed apart. Nothing is loaded.

                pull downloads REPO/FILE.gguf into DIR/models: the one command that uses the network.
                It fetches BASE/REPO/resolve/main/FILE from a Hugging Face-style server, BASE being
                models.base_url in config/docent.properties or --base-url URL (the Hugging Face hub's
                address, or a mirror of it). An interrupted download resumes when run again; the file
                is checked against its sha256 (the server's, or --sha256 HEX) before it is kept, and a
                mismatch removes it. When the server sends no sha256 and none is given, the file is
                kept but reported as NOT VERIFIED; running the same command with --sha256 HEX (from the
                model's publisher) then checks the saved file without downloading it again.
                """;
    }

    @Override
    public int run(String[] argv) {
        if (argv.length > 0 && argv[0].equals("pull")) return pull(Arrays.copyOfRange(argv, 1, argv.length));
        Args args = Args.parse(argv, Set.of("data"), Set.of("json"));
        if (!args.positional().isEmpty()) throw new UsageException("unknown argument " + args.positional().getFirst());
        DocentConfig config = Common.config(args);
        var places = ModelFinder.usualPlaces(config.dataDir().resolve("models"));
        List<ModelInfo> models = ModelFinder.find(places);
        if (args.has("json")) {
            printJson(models);
            return 0;
        }
        if (models.isEmpty()) {
            System.out.println("No GGUF models found. Looked in:");
            places.forEach((label, dirs) -> dirs.forEach(d -> System.out.println("  " + label + ": " + d)));
            System.out.println("Download one GGUF chat model (e.g. a Qwen2.5-3B-Instruct or Llama-3.2-3B-Instruct Q4_K_M)"
                    + " with ./docent models pull REPO/FILE.gguf, or copy one into " + config.dataDir().resolve("models") + ".");
            return 0;
        }
        String row = "%-32s %8s  %-10s %-8s %-13s %s%n";
        System.out.printf(row, "NAME (--model NAME)", "size", "arch", "quant", "found in", "path");
        for (ModelInfo m : models.stream().filter(ModelInfo::isChat).toList()) {
            System.out.printf(row, m.id(), m.size(), m.architecture(),
                    m.quantization() == null ? "-" : m.quantization(), m.source(), m.path());
        }
        List<ModelInfo> others = models.stream().filter(m -> !m.isChat()).toList();
        if (!others.isEmpty()) {
            System.out.println("\nNot chat models (cannot write answers):");
            for (ModelInfo m : others) System.out.println("  " + m.id() + "  " + m.path() + "  (" + m.notChatReason() + ")");
        }
        ModelChoice.suggest(models).ifPresentOrElse(
                m -> System.out.println("\nserve would use " + m.id() + " if asked to pick (--model " + m.id() + ", or llm.model = auto)."),
                () -> System.out.println(models.stream().anyMatch(ModelInfo::isChat)
                        ? "\nNo chat model here fits in half of this machine's memory." : "\nNo chat model found."));
        return 0;
    }

    private static void printJson(List<ModelInfo> models) {
        try {
            var rows = models.stream().map(m -> {
                var row = new java.util.LinkedHashMap<String, Object>();
                row.put("name", m.id());
                row.put("path", m.path().toString());
                row.put("source", m.source());
                row.put("bytes", m.bytes());
                row.put("architecture", m.architecture());
                row.put("title", m.name());
                row.put("quantization", m.quantization());
                row.put("role", m.role());
                row.put("chat", m.isChat());
                row.put("chat_template", m.chatTemplate());
                row.put("problem", m.problem());
                return row;
            }).toList();
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A file already saved is never downloaded again; with {@code --sha256} it is checked against it,
     * which is how a download the server gave no sha256 for is verified afterwards.
     */
    private static int alreadyThere(Path target, String stem, String sha) {
        if (sha == null) {
            System.out.println(target + " is already there; use it with --model " + stem + " (delete it to download it again).");
            return 0;
        }
        String actual = ModelDownload.sha256Of(target);
        if (!actual.equals(sha)) {
            System.err.println("docent models pull: " + target + " has sha256 " + actual + ", not the " + sha + " you gave:"
                    + " it is not the file you meant, or it was altered. Do not use it: delete it, then pull it again.");
            return 1;
        }
        System.out.println(target + " is already there and matches the sha256 you gave:");
        System.out.println("sha256 " + actual + " (checked)");
        System.out.println("Use it with: ./docent serve --model " + stem + " FOLDER...");
        return 0;
    }

    /**
     * Kept, since nothing says the file is wrong and most servers send no sha256 for small files;
     * but said plainly (on stderr, where warnings go), with the one command that verifies it.
     */
    private static void warnUnverified(Path file, Args args) {
        String data = args.has("data") ? " --data " + args.get("data") : "";
        System.err.println("docent models pull: NOT VERIFIED: " + file + " was kept, but the server sent no sha256 for it,"
                + " so nothing shows that it arrived intact and unaltered.");
        System.err.println("To verify it, take the file's sha256 from its publisher (on a Hugging Face-style site: the"
                + " file's page) and run");
        System.err.println("  ./docent models pull " + args.positional().getFirst() + data + " --sha256 THAT_SHA256");
        System.err.println("which checks the saved file without downloading it again (a mismatch says to delete it).");
    }

    private int pull(String[] argv) {
        Args args = Args.parse(argv, Set.of("data", "base-url", "sha256"), Set.of());
        if (args.positional().size() != 1) throw new UsageException("give one REPO/FILE.gguf to download");
        ModelDownload.Spec spec = ModelDownload.Spec.parse(args.positional().getFirst());
        String sha = args.has("sha256") ? args.get("sha256").strip().toLowerCase(Locale.ROOT) : null;
        if (sha != null && !sha.matches("[0-9a-f]{64}")) throw new UsageException("--sha256 takes 64 hexadecimal digits");
        DocentConfig config = Common.config(args);
        Path dir = config.dataDir().resolve("models");
        try {
            PrivateDataDirectory.open(config.dataDir());
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Path target = dir.resolve(spec.fileName());
        String stem = spec.fileName().substring(0, spec.fileName().length() - 5);
        // Before the base URL is needed: checking a file already saved uses no network.
        if (Files.exists(target)) return alreadyThere(target, stem, sha);
        String base = args.has("base-url") ? args.get("base-url") : Common.configProperty("models.base_url");
        if (base == null || base.isBlank()) {
            throw new UsageException("models pull needs the address of the Hugging Face hub (or a mirror of it): set"
                    + " models.base_url in config/docent.properties, or pass --base-url URL");
        }
        URI url;
        try {
            url = spec.url(base.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a URL: " + base);
        }
        if (url.getHost() == null || !(url.getScheme().equals("https") || url.getScheme().equals("http"))) {
            throw new UsageException("the base URL must start with https:// (or http://), got " + base);
        }
        System.out.println("This uses the network: it downloads " + url + " (connecting to " + url.getHost()
                + (url.getPort() > 0 ? ":" + url.getPort() : "") + ", and to where that server redirects the download).");
        System.out.println("Saving to " + target);
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (!done.get()) System.out.println("\nInterrupted: run the same command again to resume.");
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ModelDownload.Result r = new ModelDownload(new ProgressBar(System.out)).download(url, target, sha);
            done.set(true);
            System.out.println("Saved " + r.file() + " (" + ModelDownload.megabytes(r.bytes())
                    + (r.resumedFrom() > 0 ? ", resumed at " + ModelDownload.megabytes(r.resumedFrom()) : "") + ")");
            if (r.checked()) {
                System.out.println("sha256 " + r.sha256() + " (checked)");
            } else {
                System.out.println("sha256 " + r.sha256() + " (NOT VERIFIED: the server sent no sha256 to check it against)");
                warnUnverified(r.file(), args);
            }
            System.out.println("Use it with: ./docent serve --model " + stem + " FOLDER...");
            return 0;
        } catch (ModelDownload.Failure e) {
            done.set(true);
            System.out.println();
            System.err.println("docent models pull: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            done.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }
}
