package dev.docent.llm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.llm.GeneratorBusyException;
import dev.docent.llm.factory.Generators;
import dev.docent.llm.LlamaOptions;
import dev.docent.llm.ModelLoadException;
import dev.docent.llm.Sampling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator over real llama.cpp and the real (tiny) stories260K model. */
class LlamaGeneratorTest {

    private static LlamaOptions options() {
        return LlamaOptions.defaults(TestModels.stories260K()).withContextSize(512).withThreads(1)
                .withSampling(Sampling.GREEDY).withQueueCapacity(1);
    }

    @Test
    void badModelFilesFailWithAClearMessage(@TempDir Path tmp) throws Exception {
        var missing = assertThrows(ModelLoadException.class, () -> Generators.llama(options().withModel(tmp.resolve("nope.gguf"))));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());

        Path text = Files.writeString(tmp.resolve("notes.gguf"), "these are notes, not a model");
        var notGguf = assertThrows(ModelLoadException.class, () -> Generators.llama(options().withModel(text)));
        assertTrue(notGguf.getMessage().contains("not a GGUF"), notGguf.getMessage());

        byte[] model = Files.readAllBytes(TestModels.stories260K());
        Path headerCut = Files.write(tmp.resolve("cut-header.gguf"), java.util.Arrays.copyOf(model, 200));
        var cutHeader = assertThrows(ModelLoadException.class, () -> Generators.llama(options().withModel(headerCut)));
        assertTrue(cutHeader.getMessage().contains("truncated"), cutHeader.getMessage());

        Path dataCut = Files.write(tmp.resolve("cut-data.gguf"), java.util.Arrays.copyOf(model, model.length / 2));
        var cutData = assertThrows(ModelLoadException.class, () -> Generators.llama(options().withModel(dataCut)));
        assertTrue(cutData.getMessage().contains("could not load"), cutData.getMessage());
    }

    @Test
    void greedyGenerationIsRepeatableAndReusesTheCachedPrefix() {
        try (Generator g = Generators.llama(options())) {
            var messages = List.of(new ChatMessage("user", "Once upon a time"));
            StringBuilder streamed = new StringBuilder();
            Completion first = g.chat(GenerationRequest.of(messages, 24), streamed::append, () -> false);
            assertEquals(first.text(), streamed.toString());
            assertEquals(24, first.generatedTokens());
            assertEquals(Completion.FinishReason.MAX_TOKENS, first.finishReason());
            Completion second = g.chat(GenerationRequest.of(messages, 24), s -> {}, () -> false);
            assertEquals(first.text(), second.text());
            assertEquals(first.promptTokens() - 1, second.reusedPromptTokens(), "the shared prompt was decoded again");
            assertEquals(0, first.reusedPromptTokens());
        }
    }

    @Test
    void cancellationStopsGenerationPromptly() {
        try (Generator g = Generators.llama(options())) {
            AtomicInteger pieces = new AtomicInteger();
            Completion c = g.chat(GenerationRequest.of(List.of(new ChatMessage("user", "Once upon a time")), 400),
                    s -> pieces.incrementAndGet(), () -> pieces.get() >= 5);
            assertEquals(Completion.FinishReason.CANCELLED, c.finishReason());
            assertTrue(c.generatedTokens() <= 6, "generated " + c.generatedTokens() + " after cancel");
        }
    }

    @Test
    void cancellationDuringThePromptDecodeStopsItMidway() {
        try (Generator g = Generators.llama(options())) {
            var messages = List.of(new ChatMessage("user", "Once upon a time there was a little dog. ".repeat(12)));
            // Checks on the generator thread: the first comes before llama_decode starts, the next
            // from inside it (the abort callback). Answering true there aborts the decode.
            AtomicInteger checks = new AtomicInteger();
            Completion c = g.chat(GenerationRequest.of(messages, 8), s -> {},
                    () -> Thread.currentThread().getName().equals("docent-llm") && checks.incrementAndGet() > 1);
            assertEquals(Completion.FinishReason.CANCELLED, c.finishReason());
            assertEquals(0, c.generatedTokens());
            // Had the decode completed, the same prompt would now be found in the KV cache.
            Completion again = g.chat(GenerationRequest.of(messages, 2), s -> {}, () -> false);
            assertEquals(0, again.reusedPromptTokens(), "the prompt decode ran to its end despite the cancel");
            assertTrue(again.promptTokens() > 100, "prompt of " + again.promptTokens() + " tokens");
        }
    }

    @Test
    void aCancelCheckThatThrowsInsideThePromptDecodeFailsTheRequestAndTheJvmLivesOn() {
        try (Generator g = Generators.llama(options())) {
            var messages = List.of(new ChatMessage("user", "Once upon a time there was a little dog. ".repeat(12)));
            // The first check on the generator thread comes before llama_decode, the second from
            // inside it, in the abort callback: an upcall, out of which nothing may be thrown.
            AtomicInteger checks = new AtomicInteger();
            var e = assertThrows(ArithmeticException.class, () -> g.chat(GenerationRequest.of(messages, 8), s -> {}, () -> {
                if (Thread.currentThread().getName().equals("docent-llm") && checks.incrementAndGet() > 1) {
                    throw new ArithmeticException("the cancel check broke");
                }
                return false;
            }));
            assertEquals("the cancel check broke", e.getMessage());
            assertEquals(2, checks.get(), "the check ran on after it failed");
            assertEquals(Completion.FinishReason.MAX_TOKENS, g.chat(GenerationRequest.of(messages, 3), s -> {}, () -> false).finishReason());
        }
    }

    @Test
    void aQueuedRequestThatIsCancelledReturnsWithoutWaitingForTheOneAhead() throws Exception {
        try (Generator g = Generators.llama(options())) {
            var messages = List.of(new ChatMessage("user", "Once upon a time"));
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread running = Thread.ofPlatform().start(() -> g.chat(GenerationRequest.of(messages, 50), s -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, () -> false));
            started.await();
            var cancel = new java.util.concurrent.atomic.AtomicBoolean();
            var queued = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> g.chat(GenerationRequest.of(messages, 50), s -> {}, cancel::get), r -> Thread.ofPlatform().start(r));
            Thread.sleep(100); // it is in the queue now, behind the blocked one
            long t0 = System.nanoTime();
            cancel.set(true);
            Completion c = queued.get(5, java.util.concurrent.TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(release.getCount() == 1, "the running request finished first");
            assertEquals(Completion.FinishReason.CANCELLED, c.finishReason());
            assertEquals(0, c.generatedTokens());
            assertTrue(ms < 1000, "a queued request took " + ms + " ms to notice its cancel");
            release.countDown();
            running.join();
            // The generator still works, and the cancelled job never ran.
            assertEquals(Completion.FinishReason.MAX_TOKENS, g.chat(GenerationRequest.of(messages, 3), s -> {}, () -> false).finishReason());
        }
    }

    @Test
    void requestsBeyondTheQueueBoundAreRefused() throws Exception {
        try (Generator g = Generators.llama(options())) {
            var messages = List.of(new ChatMessage("user", "Once upon a time"));
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread running = Thread.ofPlatform().start(() -> g.chat(GenerationRequest.of(messages, 50), s -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, () -> false));
            started.await();
            Thread queued = Thread.ofPlatform().start(() -> g.chat(GenerationRequest.of(messages, 2), s -> {}, () -> false));
            long deadline = System.nanoTime() + 5_000_000_000L;
            GeneratorBusyException busy = null;
            while (busy == null && System.nanoTime() < deadline) { // wait until the second one sits in the queue
                try {
                    Thread.sleep(20);
                    g.chat(GenerationRequest.of(messages, 2), s -> {}, () -> false);
                } catch (GeneratorBusyException e) {
                    busy = e;
                }
            }
            release.countDown();
            running.join();
            queued.join();
            assertTrue(busy != null, "a third concurrent request was not refused");
            assertTrue(busy.getMessage().contains("busy"));
        }
    }

    @Test
    void tokenCountingOnOtherThreadsDuringCloseCountsOrIsRefusedButNeverReadsAFreedModel() throws Exception {
        Generator g = Generators.llama(options());
        var messages = List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Once upon a time"));
        int expected = g.countTokens("Once upon a time there was a little dog.");
        CountDownLatch counting = new CountDownLatch(100);
        var refusal = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            while (true) { // as PromptBuilder does, many times per answer, on the request's thread
                try {
                    assertEquals(expected, g.countTokens("Once upon a time there was a little dog."));
                    assertTrue(g.templateOverhead(messages) > 0);
                } catch (IllegalStateException e) {
                    return e;
                }
                counting.countDown();
            }
        }, r -> Thread.ofPlatform().start(r));
        counting.await();
        g.close();
        assertTrue(refusal.get().getMessage().contains("closed"), refusal.get().getMessage());
        var e = assertThrows(IllegalStateException.class, () -> g.templateOverhead(messages));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void withoutAChatTemplateInTheModelChatMlIsUsed() {
        try (var model = LlamaModel.load(TestModels.stories260K(), 0)) {
            assertEquals(null, model.chatTemplate());
            String s = model.applyChatTemplate(List.of(new ChatMessage("system", "Be brief."),
                    new ChatMessage("user", "Hi")), true);
            assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", s);
        }
    }
}
