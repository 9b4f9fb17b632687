package dev.docent.web;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A real generator (local llama.cpp or remote), counted at its boundary: every {@code chat} call
 * passes straight through and is counted, optionally after a pause (to let a test cancel between
 * calls). Nothing is faked: replies are the model's.
 */
final class CountingGenerator implements Generator {

    private final Generator real;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile long pauseMillis;
    private volatile GenerationRequest last;

    CountingGenerator(Generator real) {
        this.real = real;
    }

    /** Calls so far. */
    int calls() {
        return calls.get();
    }

    /** The request of the latest call, or null. */
    GenerationRequest lastRequest() {
        return last;
    }

    /** Waits this long before each call (0: none). */
    void pauseBeforeEachCall(long millis) {
        pauseMillis = millis;
    }

    @Override
    public Completion chat(GenerationRequest request, Consumer<String> onText, BooleanSupplier cancelled) {
        calls.incrementAndGet();
        last = request;
        if (pauseMillis > 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return real.chat(request, onText, cancelled);
    }

    @Override
    public String modelName() {
        return real.modelName();
    }

    @Override
    public String endpoint() {
        return real.endpoint();
    }

    @Override
    public int contextSize() {
        return real.contextSize();
    }

    @Override
    public int countTokens(String text) {
        return real.countTokens(text);
    }

    @Override
    public int templateOverhead(List<ChatMessage> messages) {
        return real.templateOverhead(messages);
    }

    @Override
    public void close() {
        real.close();
    }
}
