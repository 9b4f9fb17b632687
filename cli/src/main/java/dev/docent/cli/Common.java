package dev.docent.cli;

import dev.docent.assistant.DocentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Option handling shared by the commands. */
final class Common {

    private Common() {}

    /** The config file: {@code -Ddocent.config}, as the launcher sets it, else none. */
    static DocentConfig config(Args args) {
        String file = System.getProperty("docent.config");
        DocentConfig c = DocentConfig.load(file == null ? null : Path.of(file));
        if (args.has("data")) c = c.withDataDir(Path.of(args.get("data")).toAbsolutePath());
        if (args.has("port")) c = c.withPort(args.intValue("port", 8080, 0, 65535));
        if (args.has("model")) c = c.withLlm(c.llm().withModel(checkModel(args.get("model"), c.dataDir())));
        return c;
    }

    /** One raw value of the config file (for settings only one command reads), or null. */
    static String configProperty(String key) {
        String file = System.getProperty("docent.config");
        if (file == null || !Files.isRegularFile(Path.of(file))) return null;
        var p = new java.util.Properties();
        try (var r = Files.newBufferedReader(Path.of(file))) {
            p.load(r);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Cannot read config " + file + ": " + e.getMessage(), e);
        }
        String v = p.getProperty(key, "").strip();
        return v.isEmpty() ? null : v;
    }

    static List<Path> folders(Args args) {
        if (args.positional().isEmpty()) throw new UsageException("give at least one FOLDER to index");
        List<Path> out = new ArrayList<>();
        for (String f : args.positional()) {
            Path p = Path.of(f).toAbsolutePath().normalize();
            if (!Files.exists(p)) throw new UsageException("folder not found: " + f);
            if (!Files.isDirectory(p)) throw new UsageException("not a folder: " + f + " (give the folder that holds it)");
            try {
                out.add(p.toRealPath()); // a folder given as a symbolic link is indexed where it leads
            } catch (java.io.IOException e) {
                throw new UsageException("cannot open folder " + f + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The file {@code --model} names (a path, a name from {@code ./docent models}, or auto),
     * checked early so a typo is reported before minutes of indexing.
     */
    private static Path checkModel(String model, Path dataDir) {
        try {
            return dev.docent.assistant.ModelNames.resolve(model, dataDir);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Says so when a configured model could not be loaded (answers then quote passages). */
    static void reportLlm(dev.docent.assistant.Docent d) {
        if (d.llmProblem() != null) {
            System.err.println("note: answering extractively (quoted passages): " + d.llmProblem());
        }
    }
}
