package dev.docent.assistant.answer;

import dev.docent.llm.ChatMessage;
import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The leased generator as collection answers get it: every call counts as "an answer is being
 * generated" while it runs, as {@link Generative}'s own calls do, so background indexing yields to
 * it. Closing it does nothing: the lease owns the generator.
 */
final class CountedGenerator implements Generator {

    private final Generator generator;
    private final AtomicInteger generating;

    CountedGenerator(Generator generator, AtomicInteger generating) {
        this.generator = generator;
        this.generating = generating;
    }

    @Override
    public Completion chat(GenerationRequest request, Consumer<String> onText, BooleanSupplier cancelled) {
        generating.incrementAndGet();
        try {
            return generator.chat(request, onText, cancelled);
        } finally {
            generating.decrementAndGet();
        }
    }

    @Override
    public String modelName() {
        return generator.modelName();
    }

    @Override
    public String endpoint() {
        return generator.endpoint();
    }

    @Override
    public int contextSize() {
        return generator.contextSize();
    }

    @Override
    public int countTokens(String text) {
        return generator.countTokens(text);
    }

    @Override
    public int templateOverhead(List<ChatMessage> messages) {
        return generator.templateOverhead(messages);
    }

    @Override
    public void close() {}
}
