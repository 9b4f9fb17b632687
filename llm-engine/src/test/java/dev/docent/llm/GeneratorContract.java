package dev.docent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.internal.QwenGgufWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What every {@link Generator} must do, local or remote: stream text that adds up to the
 * completion's text, keep to max tokens, end at stop strings (without passing them on), stop
 * promptly when cancelled mid-stream, refuse a conversation too long for its context with
 * {@link IllegalArgumentException}, refuse requests beyond its queue as busy, name its model, and
 * close safely: a reply under way ends before {@code close()} returns, and every later call is
 * refused with {@link IllegalStateException} (never a hang). Each implementation extends this with
 * the tiny test model ({@link #tinyModel}) behind it. The closing tests run last, on the shared
 * generator, so that an implementation needs to start only one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class GeneratorContract {

    /** The tiny qwen2 with random weights the engine's own tests use: real vocabulary, chat template. */
    public static final String TINY_MODEL_NAME = "qwen2-random-64x2";
    /** The context every implementation under test is given, in tokens. */
    public static final int CONTEXT = 512;

    private Generator generator;

    /** Writes the tiny model into {@code dir}. */
    public static Path tinyModel(Path dir) throws IOException {
        return QwenGgufWriter.writeTiny(dir.resolve("tiny-qwen.gguf"), QwenGgufWriter.Weights.RANDOM);
    }

    /**
     * The generator under test, over the {@link #tinyModel} with greedy sampling by default, a
     * context of {@link #CONTEXT} tokens and room for one waiting request (a second concurrent
     * request waits, a third is refused as busy).
     */
    protected abstract Generator open() throws Exception;

    /** Releases what {@link #open()} started besides the generator (servers, directories); optional. */
    protected void cleanUp() throws Exception {}

    /** The name the generator should report. */
    protected abstract String expectedModelName();

    @BeforeAll
    final void start() throws Exception {
        generator = open();
    }

    @AfterAll
    final void stop() throws Exception {
        try {
            if (generator != null) generator.close();
        } finally {
            cleanUp();
        }
    }

    private static final List<ChatMessage> STORY = List.of(new ChatMessage("system", "You tell stories."),
            new ChatMessage("user", "Once upon a time"));

    private Completion run(GenerationRequest r, StringBuilder streamed) {
        return generator.chat(r, streamed::append, () -> false);
    }

    @Test
    void theStreamedPiecesAddUpToTheCompletionText() {
        StringBuilder streamed = new StringBuilder();
        Completion c = run(GenerationRequest.of(STORY, 24), streamed);
        assertFalse(c.text().isEmpty(), "no text: " + c);
        assertEquals(c.text(), streamed.toString());
        assertTrue(c.promptTokens() > 0 && c.generatedTokens() > 0, c.toString());
        assertTrue(c.timeToFirstTokenMillis() <= c.totalMillis(), c.toString());
        // Greedy by default: the same request gives the same reply.
        assertEquals(c.text(), run(GenerationRequest.of(STORY, 24), new StringBuilder()).text());
    }

    @Test
    void maxTokensBoundsTheReply() {
        StringBuilder streamed = new StringBuilder();
        Completion shortOne = run(GenerationRequest.of(STORY, 5), streamed);
        Completion longOne = run(GenerationRequest.of(STORY, 24), new StringBuilder());
        assertEquals(Completion.FinishReason.MAX_TOKENS, shortOne.finishReason(), shortOne.toString());
        assertEquals(5, shortOne.generatedTokens());
        assertEquals(shortOne.text(), streamed.toString());
        assertTrue(longOne.text().startsWith(shortOne.text()) && longOne.text().length() > shortOne.text().length(),
                "5 tokens are not the start of 24: '" + shortOne.text() + "' / '" + longOne.text() + "'");
    }

    @Test
    void aStopStringEndsTheReplyAndIsNotPassedOn() {
        String whole = run(GenerationRequest.of(STORY, 24), new StringBuilder()).text();
        int from = whole.length() / 2;
        if (Character.isLowSurrogate(whole.charAt(from))) from++;
        int to = Math.min(whole.length(), from + 3);
        if (to < whole.length() && Character.isLowSurrogate(whole.charAt(to))) to++;
        String stop = whole.substring(from, to);
        int at = whole.indexOf(stop);
        assertTrue(at > 0, "the reply '" + whole + "' starts with its own middle '" + stop + "'");

        StringBuilder streamed = new StringBuilder();
        Completion c = run(GenerationRequest.of(STORY, 24).withStop(List.of("never-generated-xyz", stop)), streamed);
        assertEquals(Completion.FinishReason.STOP_STRING, c.finishReason(), c.toString());
        assertEquals(whole.substring(0, at), c.text());
        assertEquals(c.text(), streamed.toString(), "part of the stop string was streamed");
        assertFalse(c.text().contains(stop));

        Completion none = run(GenerationRequest.of(STORY, 24).withStop(List.of("never-generated-xyz")), new StringBuilder());
        assertEquals(whole, none.text(), "a stop string that never comes changes nothing");
    }

    @Test
    void aCancelMidStreamReturnsPromptlyWithTheTextSoFar() {
        StringBuilder streamed = new StringBuilder();
        AtomicInteger pieces = new AtomicInteger();
        long[] cancelledAt = {0};
        Completion c = generator.chat(GenerationRequest.of(STORY, 400), s -> {
            streamed.append(s);
            if (pieces.incrementAndGet() == 3) cancelledAt[0] = System.nanoTime();
        }, () -> cancelledAt[0] != 0);
        long ms = (System.nanoTime() - cancelledAt[0]) / 1_000_000;
        assertEquals(Completion.FinishReason.CANCELLED, c.finishReason(), c.toString());
        assertEquals(c.text(), streamed.toString());
        assertTrue(c.generatedTokens() < 400, c.toString());
        assertTrue(ms < 1000, "returned " + ms + " ms after the cancel");
        // and it still answers afterwards
        assertEquals(Completion.FinishReason.MAX_TOKENS, run(GenerationRequest.of(STORY, 3), new StringBuilder()).finishReason());
    }

    @Test
    void aConversationLongerThanTheContextIsRefused() {
        String tooLong = "word ".repeat(generator.contextSize() * 2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> generator.chat(GenerationRequest.of(List.of(new ChatMessage("user", tooLong)), 8), s -> {}, () -> false));
        assertTrue(e.getMessage().contains("context"), e.getMessage());
    }

    @Test
    void requestsBeyondTheQueueAreRefusedAsBusy() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean stopAll = new AtomicBoolean();
        Thread running = Thread.ofPlatform().start(() -> generator.chat(GenerationRequest.of(STORY, 50), s -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, stopAll::get));
        started.await();
        Thread waiting = Thread.ofPlatform().start(() -> generator.chat(GenerationRequest.of(STORY, 2), s -> {}, stopAll::get));
        GeneratorBusyException busy = null;
        long deadline = System.nanoTime() + 5_000_000_000L;
        try {
            while (busy == null && System.nanoTime() < deadline) { // until the second one is waiting too
                Thread.sleep(20);
                try {
                    generator.chat(GenerationRequest.of(STORY, 1), s -> {}, () -> false);
                } catch (GeneratorBusyException e) {
                    busy = e;
                }
            }
        } finally {
            stopAll.set(true);
            release.countDown();
            running.join();
            waiting.join();
        }
        assertTrue(busy != null, "a third concurrent request was not refused");
        assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
        assertEquals(Completion.FinishReason.MAX_TOKENS, run(GenerationRequest.of(STORY, 2), new StringBuilder()).finishReason());
    }

    @Test
    void aRequestsOwnSamplingOverridesTheDefault() {
        String greedy = run(GenerationRequest.of(STORY, 16), new StringBuilder()).text();
        Sampling hot = new Sampling(1.5f, 0, 1, 0, 1, 0, 7);
        String first = run(GenerationRequest.of(STORY, 16).withSampling(hot), new StringBuilder()).text();
        String again = run(GenerationRequest.of(STORY, 16).withSampling(hot), new StringBuilder()).text();
        assertEquals(first, again, "the same seed gives the same reply");
        assertNotEquals(greedy, first, "temperature 1.5 wrote the greedy reply");
        assertEquals(greedy, run(GenerationRequest.of(STORY, 16), new StringBuilder()).text(), "the default came back");
    }

    @Test
    void itNamesItsModelAndCountsTokens() {
        assertEquals(expectedModelName(), generator.modelName());
        assertTrue(generator.contextSize() >= CONTEXT / 2 && generator.contextSize() <= 4 * CONTEXT, "context " + generator.contextSize());
        int one = generator.countTokens("The orchard robot picks apples.");
        assertTrue(one > 0);
        assertTrue(generator.countTokens("The orchard robot picks apples. ".repeat(10)) > one);
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void closingWhileAReplyStreamsEndsItBeforeCloseReturns() throws Exception {
        CountDownLatch streaming = new CountDownLatch(1);
        AtomicBoolean closeReturned = new AtomicBoolean();
        AtomicBoolean textAfterClose = new AtomicBoolean();
        StringBuffer streamed = new StringBuffer();
        CompletableFuture<Completion> reply = CompletableFuture.supplyAsync(
                () -> generator.chat(GenerationRequest.of(STORY, 400), s -> {
                    if (closeReturned.get()) textAfterClose.set(true);
                    streamed.append(s);
                    streaming.countDown();
                }, () -> false), r -> Thread.ofPlatform().start(r));
        streaming.await();
        generator.close();
        closeReturned.set(true);
        try {
            Completion c = reply.get();
            assertEquals(Completion.FinishReason.CANCELLED, c.finishReason(), "the reply ran on after close: " + c);
            assertTrue(c.generatedTokens() < 400, c.toString());
            assertEquals(c.text(), streamed.toString());
        } catch (ExecutionException e) {
            assertInstanceOf(IllegalStateException.class, e.getCause(), "a reply cut by close fails as closed");
        }
        assertFalse(textAfterClose.get(), "text was passed on after close() returned");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterCloseEveryCallIsRefused() {
        generator.close(); // again, if the test above closed it already: closing twice is harmless
        var chat = assertThrows(IllegalStateException.class,
                () -> generator.chat(GenerationRequest.of(STORY, 4), s -> {}, () -> false));
        assertTrue(chat.getMessage().contains("closed"), chat.getMessage());
        var count = assertThrows(IllegalStateException.class, () -> generator.countTokens("Once upon a time"));
        assertTrue(count.getMessage().contains("closed"), count.getMessage());
    }
}
