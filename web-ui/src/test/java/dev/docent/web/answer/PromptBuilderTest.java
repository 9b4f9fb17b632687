package dev.docent.web.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.Generator;
import dev.docent.llm.Generators;
import dev.docent.llm.LlamaOptions;
import dev.docent.llm.Sampling;
import dev.docent.retriever.Hit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Prompt budgeting with a real model's tokenizer and context size. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromptBuilderTest {

    private Generator generator;

    @BeforeAll
    void load() {
        Path model = Path.of(System.getProperty("docent.repo.root", ".."), "llm-engine/src/test/resources/models/stories260K.gguf");
        generator = Generators.llama(LlamaOptions.defaults(model).withContextSize(2048).withThreads(1)
                .withSampling(Sampling.GREEDY));
    }

    @AfterAll
    void close() {
        generator.close();
    }

    private static Hit hit(int i, String text) {
        return new Hit("/docs/file" + i + ".pdf", "File " + i, i, "Section " + i, 0, 0, text.length(), text, 1.0 / i);
    }

    @Test
    void sourcesAreNumberedInRankOrderAndStopAtTheBudget() {
        List<Hit> hits = new ArrayList<>();
        for (int i = 1; i <= 20; i++) hits.add(hit(i, ("Passage number " + i + " talks about orchards. ").repeat(6)));
        var prompt = PromptBuilder.build("What about orchards?", hits, generator, 128);
        int n = prompt.sources().size();
        assertTrue(n >= 1 && n < 20, "expected the budget to cut the sources, got " + n);
        assertEquals(hits.subList(0, n), prompt.sources());
        String user = prompt.messages().get(1).content();
        assertTrue(user.contains("[1] file1.pdf, page 1 \u2014 Section 1"), user);
        assertTrue(user.endsWith("Question: What about orchards?"), user);
        String whole = String.join("\n", prompt.messages().stream().map(m -> m.content()).toList());
        assertTrue(generator.countTokens(whole) + 128 <= generator.contextSize(), "prompt + answer exceed the context");
    }

    @Test
    void aFirstSourceTooLongForTheContextIsCutNotDropped() {
        var prompt = PromptBuilder.build("Q?", List.of(hit(1, "word ".repeat(3000))), generator, 128);
        assertEquals(1, prompt.sources().size());
        assertTrue(prompt.messages().get(1).content().contains("\u2026"), "the cut is not marked");
    }
}
