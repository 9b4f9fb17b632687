package dev.docent.web;

import dev.docent.assistant.LlmSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.AnswerJob;
import dev.docent.assistant.answer.Question;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answering layer without HTTP, over a real Docent and the real tiny model: the model's thread
 * never waits for a client. An answer nobody reads still runs to its end at full speed, and its
 * text is all there when the reader finally comes.
 */
class AnswerJobsTest {

    @Test
    void anAnswerNobodyReadsStillFinishesAndKeepsAllItsText(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(docs.resolve("lily.txt"), "Lily found a red ball in the park. She gave it to her friend Tom.");
        // Room for both questions in the queue: the second may arrive before the model's thread has
        // taken the first (with one place it was refused as busy once in a fresh-clone CI run).
        LlmSettings llm = new LlmSettings(RunningDocent.storiesModel(), 2048, 1, 0, 0f, 400, 60, 4);
        try (var server = new RunningDocent(docs, tmp, c -> c.withLlm(llm))) {
            server.awaitIndexed(Duration.ofMinutes(2));
            var jobs = server.docent.answers();
            AnswerJob stalled = jobs.start(Question.of("Tell me a story about Lily.", 1)); // never read while it runs
            assertTrue(jobs.find(stalled.id()).isPresent());
            AnswerJob other = jobs.start(Question.of("What did Lily find?", 1));
            StringBuilder otherText = new StringBuilder();
            for (String t; (t = other.nextText(1000)) != null; ) otherText.append(t);
            assertEquals(other.answer().answer(), otherText.toString().strip());

            assertTrue(stalled.awaitDone(30_000), "an unread answer did not finish");
            assertTrue(jobs.find(stalled.id()).isEmpty(), "a finished answer is still listed as running");
            Answer a = stalled.answer();
            assertEquals("generative", a.mode());
            assertEquals(400, a.timings().get("generated_tokens").intValue(), a.timings().toString());
            StringBuilder late = new StringBuilder();
            for (String t; (t = stalled.nextText(1000)) != null; ) late.append(t);
            assertEquals(a.answer(), late.toString().strip(), "text was lost while nobody read");
            assertTrue(!jobs.cancel(stalled.id()), "a finished answer cannot be cancelled");
        }
    }
}
