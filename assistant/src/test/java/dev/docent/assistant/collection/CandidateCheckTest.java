package dev.docent.assistant.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.assistant.answer.AnswerRun;
import dev.docent.assistant.answer.Progress;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.retriever.Hit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The check's bookkeeping with replies chosen by the test. A real small model cannot be made to say
 * "no" on demand (stories260K never does), so this is the one place a scripted generator stands at
 * the model's boundary; CollectionModelAnswersTest and RemoteCollectionModelTest run the same code
 * against real engines. Only a clear "no" drops; survivors keep their order; the limit, the time
 * budget and a cancel leave the rest kept, unchecked, and say so.
 */
class CandidateCheckTest {

    /** Replies by the document named in the prompt: "no" for names starting with "off-", else {@code other}. */
    static final class Scripted implements Generator {
        final List<String> asked = new ArrayList<>();
        final String other;
        Runnable afterEach = () -> {};

        Scripted(String other) {
            this.other = other;
        }

        @Override
        public Completion chat(GenerationRequest request, Consumer<String> onText, BooleanSupplier cancelled) {
            String prompt = request.messages().getLast().content();
            String name = prompt.substring(prompt.indexOf("Document: ") + 10, prompt.indexOf(" (", prompt.indexOf("Document: ")));
            asked.add(name);
            afterEach.run();
            String reply = name.startsWith("off-") ? "No." : other;
            return new Completion(reply, Completion.FinishReason.END_OF_GENERATION, 10, 1, 1, 1, 0);
        }

        @Override
        public String modelName() {
            return "scripted";
        }

        @Override
        public int contextSize() {
            return 4096;
        }

        @Override
        public int countTokens(String text) {
            return text.length() / 4 + 1;
        }

        @Override
        public void close() {}
    }

    static List<CollectionSearch.Match> candidates(String... names) {
        List<CollectionSearch.Match> out = new ArrayList<>();
        for (String n : names) {
            var r = new DocumentRecord("/docs/" + n + ".md", 10, Instant.EPOCH, "00", DocumentStatus.INDEXED, null, n, 0, 1,
                    Instant.EPOCH, 0, null);
            out.add(new CollectionSearch.Match(r, new Hit(r.path(), n, 0, "", 0, 0, 20, "Northwind Batteries " + n, 0.5), 0.5));
        }
        return out;
    }

    static List<String> titles(List<CollectionSearch.Match> ms) {
        return ms.stream().map(m -> m.record().title()).toList();
    }

    @Test
    void onlyAClearNoDropsAndSurvivorsKeepTheirOrder() {
        var g = new Scripted("Once upon a time");
        List<Progress> progress = new ArrayList<>();
        var run = new AnswerRun(g, 64, 60_000_000_000L, s -> {}, progress::add, () -> false);
        Map<String, Number> timings = new LinkedHashMap<>();
        var o = CandidateCheck.check("Which documents mention Northwind?", candidates("a", "off-b", "c", "off-d"), run, 50,
                60_000_000_000L, timings);
        assertEquals(List.of("a", "c"), titles(o.kept()));
        assertEquals(List.of("a", "off-b", "c", "off-d"), g.asked);
        assertEquals(4, o.checked().checked());
        assertEquals(2, o.checked().unsure(), "the nonsense replies kept their documents");
        assertEquals(List.of("/docs/off-b.md", "/docs/off-d.md"), o.checked().dropped().stream().map(d -> d.path()).toList());
        assertEquals("No.", o.checked().dropped().getFirst().reply());
        assertEquals(List.of(0, 1, 2, 3, 4), progress.stream().map(Progress::done).toList());
        assertEquals("checking 1 of 4 documents\u2026", progress.getFirst().message());
        assertTrue(o.notes().getFirst().contains("dropped 2"), o.notes().toString());
        assertEquals(4, timings.get("checked_documents").intValue());
    }

    @Test
    void pastTheLimitCandidatesAreKeptUnchecked() {
        var g = new Scripted("yes");
        var run = new AnswerRun(g, 64, 60_000_000_000L, s -> {}, p -> {}, () -> false);
        var o = CandidateCheck.check("q", candidates("off-a", "b", "off-c", "off-d"), run, 2, 60_000_000_000L, new LinkedHashMap<>());
        assertEquals(List.of("off-a", "b"), g.asked);
        assertEquals(List.of("b", "off-c", "off-d"), titles(o.kept()));
        assertEquals(2, o.checked().unchecked());
        assertTrue(o.notes().get(1).contains("at most 2 are checked"), o.notes().toString());
    }

    @Test
    void aCancelOrTheTimeBudgetStopsTheCheckAndKeepsTheRest() {
        var g = new Scripted("yes");
        AtomicBoolean cancelled = new AtomicBoolean();
        g.afterEach = () -> cancelled.set(true);
        var run = new AnswerRun(g, 64, 60_000_000_000L, s -> {}, p -> {}, cancelled::get);
        var o = CandidateCheck.check("q", candidates("a", "off-b", "off-c"), run, 50, 60_000_000_000L, new LinkedHashMap<>());
        assertEquals(List.of("a"), g.asked);
        assertEquals(List.of("a", "off-b", "off-c"), titles(o.kept()));
        assertTrue(o.notes().get(1).contains("the answer was cancelled"), o.notes().toString());

        var late = new Scripted("yes");
        var o2 = CandidateCheck.check("q", candidates("off-a", "off-b"), new AnswerRun(late, 64, 1, s -> {}, p -> {}, () -> false),
                50, -1, new LinkedHashMap<>());
        assertEquals(List.of(), late.asked);
        assertEquals(2, o2.kept().size());
        assertTrue(o2.notes().get(1).contains("the time budget ran out"), o2.notes().toString());
    }
}
