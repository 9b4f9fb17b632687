package dev.docent.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.docent.llm.ModelFinder;
import dev.docent.llm.ModelInfo;
import dev.docent.web.DocentConfig;
import dev.docent.web.Main;
import java.util.List;
import java.util.Set;

/** {@code models}: GGUF files already on this machine that Docent can use. */
public final class ModelsCommand implements Main.Command {

    @Override
    public String usage() {
        return """
                Usage: ./docent models [--data DIR] [--json]

                Lists GGUF model files in Docent's models folder (DIR/models) and in the caches of
                Ollama, LM Studio, Hugging Face and GPT4All, with size, architecture and quantization
                read from each file's header. Use one with --model FILE or llm.model in the config.
                """;
    }

    @Override
    public int run(String[] argv) {
        Args args = Args.parse(argv, Set.of("data"), Set.of("json"));
        DocentConfig config = Common.config(args);
        var places = ModelFinder.usualPlaces(config.dataDir().resolve("models"));
        List<ModelInfo> models = ModelFinder.find(places);
        if (args.has("json")) {
            try {
                var rows = models.stream().map(m -> {
                    var row = new java.util.LinkedHashMap<String, Object>();
                    row.put("path", m.path().toString());
                    row.put("source", m.source());
                    row.put("bytes", m.bytes());
                    row.put("architecture", m.architecture());
                    row.put("name", m.name());
                    row.put("quantization", m.quantization());
                    row.put("problem", m.problem());
                    return row;
                }).toList();
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return 0;
        }
        if (models.isEmpty()) {
            System.out.println("No GGUF models found. Looked in:");
            places.forEach((label, dirs) -> dirs.forEach(d -> System.out.println("  " + label + ": " + d)));
            System.out.println("Download one GGUF file (e.g. a Qwen2.5-3B-Instruct or Llama-3.2-3B-Instruct Q4_K_M)"
                    + " into " + config.dataDir().resolve("models") + ", then run ./docent serve --model FILE.");
            return 0;
        }
        System.out.printf("%8s  %-10s %-8s %-13s %-28s %s%n", "size", "arch", "quant", "found in", "name", "path");
        for (ModelInfo m : models) {
            System.out.printf("%7.2fG  %-10s %-8s %-13s %-28.28s %s%s%n", m.bytes() / 1e9,
                    m.architecture() == null ? "?" : m.architecture(), m.quantization() == null ? "-" : m.quantization(),
                    m.source(), m.name(), m.path(), m.problem() == null ? "" : "  (unusable: " + m.problem() + ")");
        }
        return 0;
    }
}
