package dev.docent.web.api;

import dev.docent.llm.Completion;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Generator;
import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.AnswerJob;
import dev.docent.assistant.answer.Citation;
import dev.docent.assistant.answer.TokenBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One chat completion in progress, whichever model answers it: text as it forms, then the reply.
 * The work runs on a thread of its own; the request's thread drains the text at the client's pace.
 */
interface ChatRun {

    /** Text since the last call, "" on timeout, null when the reply is complete. */
    String nextText(long timeoutMillis) throws InterruptedException;

    /** The finished reply; rethrows what stopped it. */
    Reply reply() throws InterruptedException;

    /** The model that answers when it is not the one the request named (pass-through), else null. */
    default String modelName() {
        return null;
    }

    void cancel();

    /**
     * @param citations the sources behind [n] markers (model {@code docent} only, else empty)
     * @param found and {@code confidence}: Docent's verdict on the evidence, null for pass-through
     */
    record Reply(String text, String finishReason, int promptTokens, int completionTokens, List<Citation> citations,
            Boolean found, Double confidence) {}

    /** Model {@code docent}: an answer from the documents, through the answering layer. */
    static ChatRun of(AnswerJob job) {
        return new ChatRun() {
            public String nextText(long ms) throws InterruptedException {
                return job.nextText(ms);
            }

            public Reply reply() throws InterruptedException {
                Answer a = job.answer();
                int prompt = a.timings().getOrDefault("prompt_tokens", 0).intValue();
                int generated = a.timings().getOrDefault("generated_tokens", 0).intValue();
                boolean cut = a.notes().stream().anyMatch(n -> n.contains("cut off"));
                return new Reply(a.answer(), cut ? "length" : "stop", prompt, generated, a.citations(), a.found(), a.confidence());
            }

            public void cancel() {
                job.cancel();
            }
        };
    }

    /**
     * Any other model: the chat goes straight to the loaded generator, without retrieval;
     * {@code done} runs when the generator is no longer used (it releases the model's lease).
     */
    static ChatRun passThrough(Generator generator, GenerationRequest request, Runnable done) {
        TokenBuffer text = new TokenBuffer();
        CompletableFuture<Completion> result = new CompletableFuture<>();
        var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        Thread.ofVirtual().name("docent-chat").start(() -> {
            try {
                result.complete(generator.chat(request, text::add, cancelled::get));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                done.run();
                text.close();
            }
        });
        return new ChatRun() {
            public String modelName() {
                return generator.modelName();
            }

            public String nextText(long ms) throws InterruptedException {
                return text.take(ms);
            }

            public Reply reply() throws InterruptedException {
                Completion c;
                try {
                    c = result.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IllegalArgumentException tooLong) {
                        throw new OpenAiError(400, tooLong.getMessage(), "invalid_request_error", "messages", "context_length_exceeded");
                    }
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    throw new IllegalStateException(e.getCause());
                }
                String finish = c.finishReason() == Completion.FinishReason.MAX_TOKENS ? "length" : "stop";
                return new Reply(c.text(), finish, c.promptTokens(), c.generatedTokens(), List.of(), null, null);
            }

            public void cancel() {
                cancelled.set(true);
            }
        };
    }
}
