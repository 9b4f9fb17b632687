package dev.docent.assistant.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.Generator;
import dev.docent.llm.factory.Generators;
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

    @Test
    void theConversationGoesBetweenTheInstructionsAndTheSourcesNewestTurnsFirstToBeKept() {
        List<Turn> history = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            history.add(new Turn(Turn.USER, "Question " + i + " about the orchard " + "and its trees ".repeat(10)));
            history.add(new Turn(Turn.ASSISTANT, "Answer " + i + " " + "with some detail ".repeat(10)));
        }
        var prompt = PromptBuilder.build("And the pears?", history, List.of(hit(1, "Pears ripen in September.")), generator, 128);
        var m = prompt.messages();
        assertEquals("system", m.getFirst().role());
        assertEquals("user", m.get(1).role(), "the kept turns start with a question");
        assertEquals("assistant", m.get(m.size() - 2).role());
        assertTrue(m.get(m.size() - 2).content().startsWith("Answer 30 "), "the latest turn was dropped");
        assertTrue(m.size() - 2 < 60 && m.size() - 2 >= 2, "kept " + (m.size() - 2) + " of 60 turns");
        for (int i = 1; i < m.size() - 1; i++) {
            assertEquals(i % 2 == 1 ? "user" : "assistant", m.get(i).role(), "roles do not alternate at " + i);
        }
        assertTrue(m.getLast().content().endsWith("Question: And the pears?"));
        assertEquals(1, prompt.sources().size(), "the conversation crowded out the source");
        int turnTokens = m.subList(1, m.size() - 1).stream().mapToInt(t -> generator.countTokens(t.content())).sum();
        assertTrue(turnTokens <= (generator.contextSize() - 128 - 32) / 3, "the turns take " + turnTokens + " tokens");
    }

    @Test
    void theCondensePromptSharesTheAnswerPromptsPrefixSoTheCacheIsReused() {
        var history = List.of(new Turn(Turn.USER, "How many days of leave?"), new Turn(Turn.ASSISTANT, "27 days [1]."),
                new Turn(Turn.USER, "unanswered"));
        var condense = PromptBuilder.condense("And part-timers?", history, generator, 1000);
        var answer = PromptBuilder.build("And part-timers?", history, List.of(hit(1, "Part-time staff get a share.")), generator, 128);
        assertEquals(3, condense.size() - 1, "system + the two answered turns; a trailing question without answer is left out");
        assertEquals(condense.subList(0, condense.size() - 1), answer.messages().subList(0, answer.messages().size() - 1));
        assertTrue(condense.getLast().content().endsWith("Next question: And part-timers?"));
    }
}
