package dev.docent.cli;

import dev.docent.llm.ModelChoice;
import dev.docent.llm.ModelInfo;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * What serve says when it runs without a model: answers are extractive, and which model found on
 * this machine it would use and how to pick it. It never loads one unasked (a model takes memory
 * and cores the user may want for something else); {@code llm.model = auto} does it on purpose.
 */
final class ModelHint {

    private ModelHint() {}

    static void print(List<ModelInfo> found, PrintStream out) {
        long chat = found.stream().filter(ModelInfo::isChat).count();
        Optional<ModelInfo> pick = ModelChoice.suggest(found);
        if (pick.isPresent()) {
            ModelInfo m = pick.get();
            out.printf("Answers: extractive (quoted passages). Found %d chat model%s; would use %s (%s, %s).%n", chat,
                    chat == 1 ? "" : "s", m.id(), m.source(), m.size());
            out.println("  To use it: --model " + m.id() + " (or llm.model = auto), or pick a model in the page;"
                    + " ./docent models lists them all.");
        } else if (chat > 0) {
            out.printf("Answers: extractive (quoted passages). Found %d chat model%s, none small enough for half of this"
                    + " machine's memory;%n  ./docent models lists them (--model NAME uses one anyway).%n", chat, chat == 1 ? "" : "s");
        } else {
            out.println("Answers: extractive (quoted passages). No chat model found on this machine;");
            out.println("  ./docent models pull REPO/FILE.gguf downloads one, or give --model FILE.gguf.");
        }
    }
}
