package dev.docent.llm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.llm.factory.Generators;
import dev.docent.llm.LlamaOptions;
import dev.docent.llm.Sampling;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Chat templates, end-of-generation and long prompts on a tiny qwen2 with the real Qwen2 vocabulary. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TinyQwenTest {

    @TempDir
    static Path tmp;
    private Path random;
    private Path forcedEos;

    @BeforeAll
    void write() throws Exception {
        random = QwenGgufWriter.writeTiny(tmp.resolve("tiny-random.gguf"), QwenGgufWriter.Weights.RANDOM);
        forcedEos = QwenGgufWriter.writeTiny(tmp.resolve("tiny-eos.gguf"), QwenGgufWriter.Weights.FORCED_EOS);
    }

    private LlamaOptions options(Path model, int ctx) {
        return LlamaOptions.defaults(model).withContextSize(ctx).withThreads(1).withSampling(Sampling.GREEDY);
    }

    @Test
    void theChatTemplateComesFromTheGgufAndSpecialTokensParse() {
        try (var model = LlamaModel.load(random, 0)) {
            assertTrue(model.chatTemplate() != null && model.chatTemplate().contains("<|im_start|>"));
            String prompt = model.applyChatTemplate(List.of(new ChatMessage("system", "Cite sources."),
                    new ChatMessage("user", "Hello")), true);
            assertEquals("<|im_start|>system\nCite sources.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n",
                    prompt);
            assertEquals(1, model.tokenize("<|im_start|>", false, true).length, "special token not parsed as one token");
            assertTrue(model.tokenize("<|im_start|>", false, false).length > 1, "special token parsed from plain text");
        }
    }

    @Test
    void anUnknownArchitectureIsReportedByNameAndAModelBiggerThanMemoryIsRefusedBeforeLoading() throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(random);
        byte[] key = "general.architecture".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = indexOf(bytes, key) + key.length + 4 + 8; // key, value type, string length
        assertEquals("qwen2", new String(bytes, at, 5, java.nio.charset.StandardCharsets.US_ASCII));
        bytes[at + 4] = '9'; // qwen9: no such architecture
        Path unknown = java.nio.file.Files.write(tmp.resolve("unknown-arch.gguf"), bytes);
        var e = assertThrows(dev.docent.llm.ModelLoadException.class, () -> LlamaModel.load(unknown, 0));
        assertTrue(e.getMessage().contains("qwen9"), e.getMessage());

        var big = assertThrows(dev.docent.llm.ModelLoadException.class, () -> LlamaModel.load(random, 0, 1_000_000));
        assertTrue(big.getMessage().contains("GB of memory"), big.getMessage());
    }

    @Test
    void aLoggerThatThrowsInsideLlamaCppsLogCallbackLosesTheLineButNotTheJvm() throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(random);
        byte[] key = "general.architecture".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        bytes[indexOf(bytes, key) + key.length + 4 + 8 + 4] = '8'; // qwen8: llama.cpp logs an error while loading
        Path unknown = java.nio.file.Files.write(tmp.resolve("unknown-arch-8.gguf"), bytes);
        try (var warmUp = LlamaModel.load(random, 0)) { // llama.cpp and SLF4J set up with the real System.err
            assertTrue(warmUp.vocabularySize() > 0);
        }
        java.io.PrintStream err = System.err;
        // slf4j-simple (the tests' logger) writes each line to the System.err of the moment.
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) {
            @Override
            public void println(String line) {
                throw new IllegalStateException("the log sink is broken");
            }
        });
        try {
            var e = assertThrows(dev.docent.llm.ModelLoadException.class, () -> LlamaModel.load(unknown, 0));
            assertTrue(e.getMessage().contains("unknown model architecture"), "llama.cpp's reason was lost: " + e.getMessage());
        } finally {
            System.setErr(err);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void aFailingConsumerStopsGenerationAndTheGeneratorStaysUsable() {
        try (Generator g = Generators.llama(options(random, 1024))) {
            var messages = List.of(new ChatMessage("user", "Tell me everything."));
            int[] pieces = {0};
            // What an SSE writer does when the client has gone: the next write throws.
            var gone = assertThrows(java.io.UncheckedIOException.class, () -> g.chat(GenerationRequest.of(messages, 500), s -> {
                if (++pieces[0] == 5) throw new java.io.UncheckedIOException(new java.io.IOException("client disconnected"));
            }, () -> false));
            assertTrue(gone.getMessage().contains("client disconnected"));
            assertEquals(5, pieces[0], "generation went on after the consumer failed");
            Completion next = g.chat(GenerationRequest.of(messages, 8), s -> {}, () -> false);
            assertTrue(next.generatedTokens() > 0 || next.finishReason() == Completion.FinishReason.END_OF_GENERATION);
        }
    }

    @Test
    void generationStopsAtTheEndOfSequenceToken() {
        try (Generator g = Generators.llama(options(forcedEos, 512))) {
            Completion c = g.chat(GenerationRequest.of(List.of(new ChatMessage("user", "Say something")), 50), s -> {}, () -> false);
            assertEquals(Completion.FinishReason.END_OF_GENERATION, c.finishReason());
            assertEquals(0, c.generatedTokens());
            assertEquals("", c.text());
        }
    }

    @Test
    void longPromptsSpanSeveralBatchesAndTooLongOnesAreRefused() {
        try (Generator g = Generators.llama(options(random, 2048))) {
            String longText = "The orchard robot picks apples in the morning. ".repeat(150); // ~1,500 tokens
            var messages = List.of(new ChatMessage("user", longText));
            Completion c = g.chat(GenerationRequest.of(messages, 16), s -> {}, () -> false);
            assertTrue(c.promptTokens() > 1024, "prompt of " + c.promptTokens() + " tokens does not need 3 batches");
            assertTrue(c.generatedTokens() > 0 || c.finishReason() == Completion.FinishReason.END_OF_GENERATION);
            var tooLong = List.of(new ChatMessage("user", longText.repeat(2)));
            var e = assertThrows(IllegalArgumentException.class, () -> g.chat(GenerationRequest.of(tooLong, 16), s -> {}, () -> false));
            assertTrue(e.getMessage().contains("context"), e.getMessage());
        }
    }

    @Test
    void generationStopsWhenTheContextIsFull() {
        try (Generator g = Generators.llama(options(random, 128))) {
            String text = "word ".repeat(100);
            Completion c = g.chat(GenerationRequest.of(List.of(new ChatMessage("user", text)), 5000), s -> {}, () -> false);
            // llama.cpp rounds the context up (to 256 here); generation must stop when it is full.
            assertTrue(g.contextSize() >= 128 && g.contextSize() < 5000, "context " + g.contextSize());
            assertEquals(g.contextSize(), c.promptTokens() + c.generatedTokens(), c.finishReason() + " " + c.generatedTokens());
        }
    }
}
