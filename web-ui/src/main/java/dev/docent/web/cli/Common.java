package dev.docent.web.cli;

import dev.docent.web.DocentConfig;
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
        if (args.has("model")) c = c.withLlm(c.llm().withModel(checkModel(Path.of(args.get("model")))));
        return c;
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

    /** Checks the model flag early so a typo is reported before minutes of indexing. */
    private static Path checkModel(Path model) {
        if (!Files.isRegularFile(model)) throw new UsageException("model file not found: " + model);
        return model.toAbsolutePath();
    }

    /** Says so when a configured model could not be loaded (answers then quote passages). */
    static void reportLlm(dev.docent.web.Docent d) {
        if (d.llmProblem() != null) {
            System.err.println("note: answering extractively (quoted passages): " + d.llmProblem());
        }
    }
}
