package dev.docent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.docent.assistant.Docent;
import dev.docent.assistant.DocentConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.AnswerJob;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.answer.Citation;
import java.nio.file.Path;
import java.util.Set;

/** {@code ask}: answer one question from an existing index. */
public final class AskCommand implements Command {

    @Override
    public String usage() {
        return """
                Usage: ./docent ask [--data DIR] [--model FILE.gguf] [--json] [--top-k N] "question"

                Answers from the index in DIR (build it with ./docent index or ./docent serve).
                  --data DIR        where the index lives (default: per-user data directory)
                  --json            print the same JSON as POST /ask
                  --top-k N         passages to retrieve (1-20, default 5)
                  --model FILE      a GGUF model for generated answers (default: llm.model in config)
                """;
    }

    @Override
    public int run(String[] argv) {
        Args args = Args.parse(argv, Set.of("data", "model", "top-k"), Set.of("json"));
        if (args.positional().isEmpty()) throw new UsageException("give the question as one quoted argument");
        String question = String.join(" ", args.positional()).strip();
        if (question.isEmpty()) throw new UsageException("the question is empty");
        DocentConfig config = Common.config(args);
        int topK = args.intValue("top-k", config.topK(), 1, 20);
        // Read-only: works beside a running serve, and never writes (nor re-indexes) the index.
        try (Docent docent = Docent.openReadOnly(config)) {
            Common.reportLlm(docent);
            if (docent.indexer().withIndex(dev.docent.retriever.DocumentIndex::chunkCount) == 0) {
                System.err.println("The index in " + config.dataDir() + " is empty: run ./docent index FOLDER"
                        + (args.has("data") ? " --data " + args.get("data") : "") + " first.");
                return 1;
            }
            boolean json = args.has("json");
            boolean stream = !json && docent.generator() != null;
            // The answer runs on its own thread; this one prints its text as it comes.
            AnswerJob job = docent.answers().start(Question.of(question, topK));
            for (String text; (text = job.nextText(1000)) != null; ) {
                if (stream && !text.isEmpty()) {
                    System.out.print(text);
                    System.out.flush();
                }
            }
            Answer a = job.answer();
            if (json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ObjectNode body = mapper.valueToTree(a);
                body.put("id", job.id());
                System.out.println(mapper.writeValueAsString(body));
            } else {
                // Streamed text was printed as it came; corrected citations are listed in the notes.
                System.out.println(stream ? "" : a.answer());
                a.notes().forEach(n -> System.out.println("(" + n + ")"));
                System.out.println();
                for (Citation c : a.citations()) {
                    System.out.printf("[%d] %s%s%s%n", c.id(), Path.of(c.path()).getFileName(),
                            c.page() == null ? "" : ", page " + c.page(),
                            c.heading().isEmpty() ? "" : " \u2014 " + c.heading());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        return 0;
    }
}
