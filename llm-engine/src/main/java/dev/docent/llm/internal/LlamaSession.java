package dev.docent.llm.internal;

import dev.docent.llm.Completion;
import dev.docent.llm.Sampling;
import dev.docent.llm.internal.ffi.LlamaApi;
import dev.docent.llm.internal.ffi.Structs;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A llama.cpp context (KV cache) and sampler chain over one model. Not thread-safe: llama.cpp
 * requires one thread per context, which {@link LlamaGenerator} guarantees. The KV cache is kept
 * between calls, so a prompt that starts like the previous one (same system prompt, same
 * sources) only decodes the part that differs.
 */
public final class LlamaSession implements AutoCloseable {

    private final LlamaModel model;
    private final LlamaApi api;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment context;
    private MemorySegment sampler;
    private Sampling sampling; // what the sampler chain was built for
    private final MemorySegment memory;
    private final MemorySegment tokens; // tokens currently in the KV cache, in order
    // Per-token scratch, allocated once: a by-value llama_batch and a token's text.
    private final MemorySegment batchStruct;
    private final MemorySegment pieceBuffer;
    private final MemorySegment abortStub;
    private static final int PIECE_CAPACITY = 256;
    private final int contextSize;
    private final int batchSize;
    private int cached;
    private volatile boolean closing; // set once, by shutDown(); never reset
    private volatile BooleanSupplier currentCancel = () -> false;
    private volatile Throwable cancelCheckFailure; // thrown by the cancel check inside the abort upcall

    public LlamaSession(LlamaModel model, int contextSize, int threads, Sampling sampling) {
        if (contextSize < 16) throw new IllegalArgumentException("context size must be >= 16, got " + contextSize);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.model = model;
        this.api = model.api();
        try {
            MemorySegment params = (MemorySegment) api.contextDefaultParams.invokeExact((SegmentAllocator) arena);
            set(params, "n_ctx", contextSize);
            set(params, "n_batch", Math.min(512, contextSize));
            set(params, "n_ubatch", Math.min(512, contextSize));
            set(params, "n_threads", threads);
            set(params, "n_threads_batch", threads);
            // The abort callback lets a cancelled request stop a long prompt decode midway. ggml
            // calls it at every graph node, and each call is an upcall into Java, so it is set
            // only while a prompt is decoded; single-token steps check cancellation in between.
            var abortHandle = MethodHandles.lookup().findVirtual(LlamaSession.class, "shouldAbort",
                    MethodType.methodType(boolean.class, MemorySegment.class)).bindTo(this);
            this.abortStub = api.linker().upcallStub(abortHandle,
                    FunctionDescriptor.of(ValueLayout.JAVA_BOOLEAN, ValueLayout.ADDRESS), arena);
            MemorySegment ctx = (MemorySegment) api.initFromModel.invokeExact(model.handle(), params);
            if (ctx.equals(MemorySegment.NULL)) {
                arena.close();
                throw new IllegalStateException("llama.cpp could not create a context of " + contextSize
                        + " tokens (out of memory?)");
            }
            this.context = ctx;
            this.contextSize = (int) api.nCtx.invokeExact(ctx);
            this.batchSize = Math.min(512, this.contextSize);
            this.memory = (MemorySegment) api.getMemory.invokeExact(ctx);
            this.sampler = buildSampler(sampling);
            this.sampling = sampling;
            this.tokens = arena.allocate(ValueLayout.JAVA_INT, this.contextSize);
            this.batchStruct = arena.allocate(Structs.BATCH);
            this.pieceBuffer = arena.allocate(PIECE_CAPACITY);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static long offset(String field) {
        return Structs.CONTEXT_PARAMS.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    private static void set(MemorySegment params, String field, int value) {
        params.set(ValueLayout.JAVA_INT, offset(field), value);
    }

    private MemorySegment buildSampler(Sampling s) throws Throwable {
        MemorySegment chainParams = (MemorySegment) api.samplerChainDefaultParams.invokeExact((SegmentAllocator) arena);
        MemorySegment chain = (MemorySegment) api.samplerChainInit.invokeExact(chainParams);
        if (s.greedy()) {
            add(chain, (MemorySegment) api.samplerInitGreedy.invokeExact());
            return chain;
        }
        if (s.repeatPenalty() != 1f && s.repeatLastN() > 0) {
            add(chain, (MemorySegment) api.samplerInitPenalties.invokeExact(model.vocabularySize(), s.repeatLastN(),
                    s.repeatPenalty(), 0f, 0f));
        }
        if (s.topK() > 0) add(chain, (MemorySegment) api.samplerInitTopK.invokeExact(s.topK()));
        if (s.topP() < 1f) add(chain, (MemorySegment) api.samplerInitTopP.invokeExact(s.topP(), 1L));
        if (s.minP() > 0f) add(chain, (MemorySegment) api.samplerInitMinP.invokeExact(s.minP(), 1L));
        add(chain, (MemorySegment) api.samplerInitTemp.invokeExact(s.temperature()));
        add(chain, (MemorySegment) api.samplerInitDist.invokeExact(s.seed()));
        return chain;
    }

    private void add(MemorySegment chain, MemorySegment sampler) throws Throwable {
        api.samplerChainAdd.invokeExact(chain, sampler); // the chain owns it from here on
    }

    /**
     * Token choice for the following generations. The chain is rebuilt only when the sampling
     * differs from the last one (a request that names none keeps the configured default).
     */
    public void useSampling(Sampling s) {
        if (s == null || s.equals(sampling)) return;
        try {
            MemorySegment next = buildSampler(s);
            api.samplerFree.invokeExact(sampler);
            sampler = next;
            sampling = s;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * The abort callback. Nothing thrown may cross an upcall (the JVM would exit), so a failing
     * cancel check is kept, answered as "abort", and rethrown by {@link #decode} in Java.
     */
    @SuppressWarnings("unused") // called by llama.cpp through the upcall stub
    private boolean shouldAbort(MemorySegment data) {
        try {
            return currentCancel.getAsBoolean();
        } catch (Throwable t) {
            cancelCheckFailure = t;
            return true;
        }
    }

    public int contextSize() {
        return contextSize;
    }

    private int reusedTokens;
    /** Benchmarks set this false to generate a fixed number of tokens, as llama-bench does. */
    boolean stopAtEndOfGeneration = true;

    /**
     * Decodes {@code prompt} (reusing the cached prefix) and samples up to {@code maxTokens},
     * handing text to {@code onText} as it forms. Stops at an end-of-generation token, the token
     * budget, a full context, or when {@code cancelled} turns true or {@link #shutDown()} was called.
     */
    public Completion generate(int[] prompt, int maxTokens, Consumer<String> onText, BooleanSupplier cancelled) {
        return generate(prompt, maxTokens, List.of(), onText, cancelled);
    }

    /**
     * As {@link #generate(int[], int, Consumer, BooleanSupplier)}, also stopping when the text
     * contains one of {@code stop}; the text (and what {@code onText} gets) then ends before it.
     */
    public Completion generate(int[] prompt, int maxTokens, List<String> stop, Consumer<String> onText,
            BooleanSupplier cancelled) {
        if (prompt.length == 0) throw new IllegalArgumentException("empty prompt");
        if (prompt.length >= contextSize) {
            throw new IllegalArgumentException("prompt of " + prompt.length + " tokens does not fit the context of "
                    + contextSize);
        }
        long start = System.nanoTime();
        BooleanSupplier stopped = () -> closing || cancelled.getAsBoolean();
        currentCancel = stopped;
        cancelCheckFailure = null;
        try {
            api.samplerReset.invokeExact(sampler);
            int keep = commonPrefix(prompt);
            keep = Math.min(keep, prompt.length - 1); // the last prompt token must be decoded for its logits
            boolean trimmed = (boolean) api.memorySeqRm.invokeExact(memory, 0, keep, -1);
            if (!trimmed) {
                api.memoryClear.invokeExact(memory, true);
                keep = 0;
            }
            reusedTokens = keep;
            MemorySegment.copy(prompt, keep, tokens, ValueLayout.JAVA_INT, (long) keep * Integer.BYTES, prompt.length - keep);
            cached = keep;
            api.setAbortCallback.invokeExact(context, abortStub, MemorySegment.NULL);
            try {
                for (int pos = keep; pos < prompt.length; pos += batchSize) {
                    int n = Math.min(batchSize, prompt.length - pos);
                    if (!decode(pos, n, stopped)) {
                        return finish(start, start, prompt.length, 0, "", Completion.FinishReason.CANCELLED);
                    }
                    cached = pos + n;
                }
            } finally {
                api.setAbortCallback.invokeExact(context, MemorySegment.NULL, MemorySegment.NULL);
            }
            var text = new StringBuilder();
            var utf8 = new Utf8Assembler();
            var stops = new StopStrings(stop);
            long firstToken = 0;
            int generated = 0;
            Completion.FinishReason reason = Completion.FinishReason.MAX_TOKENS;
            while (generated < maxTokens) {
                if (stopped.getAsBoolean()) {
                    reason = Completion.FinishReason.CANCELLED;
                    break;
                }
                int token = (int) api.samplerSample.invokeExact(sampler, context, -1);
                if (firstToken == 0) firstToken = System.nanoTime();
                if (stopAtEndOfGeneration && model.isEndOfGeneration(token)) {
                    reason = Completion.FinishReason.END_OF_GENERATION;
                    break;
                }
                generated++;
                emit(stops.add(utf8.add(piece(token))), text, onText);
                if (stops.stopped()) {
                    reason = Completion.FinishReason.STOP_STRING;
                    break;
                }
                if (cached >= contextSize) break; // context full: stop with what we have
                tokens.setAtIndex(ValueLayout.JAVA_INT, cached, token);
                if (!decode(cached, 1, stopped)) {
                    reason = Completion.FinishReason.CANCELLED;
                    break;
                }
                cached++;
            }
            if (!stops.stopped()) { // the last bytes, and what was held back as a possible stop string
                String rest = stops.add(utf8.flush());
                if (stops.stopped()) reason = Completion.FinishReason.STOP_STRING;
                emit(rest + stops.flush(), text, onText);
            }
            return finish(start, firstToken == 0 ? System.nanoTime() : firstToken, prompt.length, generated,
                    text.toString(), reason);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A token's text bytes, through the session's reusable buffer. */
    private byte[] piece(int token) throws Throwable {
        int n = (int) api.tokenToPiece.invokeExact(model.vocabHandle(), token, pieceBuffer, PIECE_CAPACITY, 0, false);
        if (n < 0) return model.pieceBytes(token); // longer than the buffer: rare
        return n == 0 ? EMPTY : pieceBuffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    }

    private static final byte[] EMPTY = new byte[0];

    private static void emit(String piece, StringBuilder text, Consumer<String> onText) {
        if (!piece.isEmpty()) {
            text.append(piece);
            onText.accept(piece);
        }
    }

    /** Decodes {@code n} cached tokens from {@code pos}; false if aborted. */
    private boolean decode(int pos, int n, BooleanSupplier cancelled) throws Throwable {
        if (cancelled.getAsBoolean()) return false;
        // The returned struct is written into batchStruct, not a fresh allocation per call.
        MemorySegment batch = (MemorySegment) api.batchGetOne.invokeExact(
                (SegmentAllocator) (size, align) -> batchStruct, tokens.asSlice((long) pos * Integer.BYTES), n);
        int rc = (int) api.decode.invokeExact(context, batch);
        if (rc == 2) { // aborted by our callback: a cancel, or a cancel check that threw
            Throwable failure = cancelCheckFailure;
            cancelCheckFailure = null;
            if (failure != null) throw failure;
            return false;
        }
        if (rc != 0) {
            cached = 0; // the cache state is unknown now: start fresh next time
            api.memoryClear.invokeExact(memory, true);
            throw new IllegalStateException("llama_decode failed with code " + rc);
        }
        return true;
    }

    private int commonPrefix(int[] prompt) {
        int n = Math.min(cached, prompt.length);
        int i = 0;
        while (i < n && tokens.getAtIndex(ValueLayout.JAVA_INT, i) == prompt[i]) i++;
        return i;
    }

    private Completion finish(long start, long firstToken, int promptTokens, int generated, String text,
            Completion.FinishReason reason) {
        long now = System.nanoTime();
        return new Completion(text, reason, promptTokens, generated, (firstToken - start) / 1_000_000,
                (now - start) / 1_000_000, reusedTokens);
    }

    /**
     * Decodes {@code tokens} one at a time with no sampling, as llama-bench's tg test does: what
     * the binding alone costs per step (benchmarks).
     */
    void decodeOneByOne(int[] steps) {
        try {
            for (int token : steps) {
                if (cached >= contextSize) return;
                tokens.setAtIndex(ValueLayout.JAVA_INT, cached, token);
                decode(cached, 1, () -> false);
                cached++;
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Empties the KV cache, so the next prompt is decoded from scratch (benchmarks). */
    public void clearCache() {
        try {
            api.memoryClear.invokeExact(memory, true);
            cached = 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Stops the running generation at its next token or decode step, and every later one at its
     * first: the session is about to close (any thread). Unlike a caller's cancel, this is never
     * undone.
     */
    public void shutDown() {
        closing = true;
    }

    @Override
    public void close() {
        try {
            api.samplerFree.invokeExact(sampler);
            api.free.invokeExact(context);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            arena.close();
        }
    }
}
