package dev.docent.embedder.internal;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.docent.embedder.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A BERT-style embedding model run by ONNX Runtime: CLS or mean pooling as the model was trained,
 * then L2 normalisation. Passages can be embedded in padded batches; the default is one per call,
 * which measured fastest on a 2-core machine (docs/benchmarks.md).
 */
public final class OnnxEmbedder implements Embedder {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OnnxEmbedder.class);

    static {
        // DJL must never try to fetch anything; the tokenizer natives ship inside its jar.
        System.setProperty("ai.djl.offline", "true");
        // ONNX Runtime reads its telemetry switch once, when its library loads: before any use.
        OnnxRuntimeSetup.disableTelemetry();
    }

    private final ModelSpec spec;
    private final int batchSize;
    /** Tokenizer and ONNX session, loading in the background (about a second) from construction on. */
    private final CompletableFuture<Loaded> loaded;
    /**
     * Every use of the session or the tokenizer holds the read side; close() takes the write side,
     * so it frees the natives only after running embeddings end. Without it, closing while a
     * query was being embedded (an MCP client closing stdin mid-search) crashed the JVM in ONNX
     * Runtime with SIGSEGV.
     */
    private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();
    private boolean closed; // guarded by inUse

    /** What loading produces; every method that needs the model waits for it. */
    private record Loaded(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, boolean wantsTokenTypeIds) {}

    public OnnxEmbedder(ModelSpec spec, int threads) {
        this(spec, threads, 1);
    }

    /**
     * Starts loading the model on a background thread and returns at once: start-up goes on
     * (the index opens, the server answers) while it loads; the first embedding or token count
     * waits for it, and a model that cannot be loaded fails there with the reason.
     *
     * @param batchSize passages per ONNX call in {@link #embedPassages}; 1 was measured fastest
     */
    public OnnxEmbedder(ModelSpec spec, int threads, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.batchSize = batchSize;
        this.spec = spec;
        this.loaded = new CompletableFuture<>();
        // A large stack: ONNX Runtime and the tokenizer natives need more than a default thread's 1 MB
        // (a SIGSEGV was seen on small stacks).
        Thread.ofPlatform().name("docent-embedder-load").daemon().stackSize(16L << 20).start(() -> {
            try {
                long started = System.nanoTime();
                loaded.complete(load(spec, threads));
                log.info("Embedding model {} loaded in the background in {} ms", spec.name(), (System.nanoTime() - started) / 1_000_000);
            } catch (Throwable e) {
                loaded.completeExceptionally(e);
            }
        });
    }

    private static Loaded load(ModelSpec spec, int threads) {
        HuggingFaceTokenizer tokenizer = null;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(
                    resource(spec.tokenizerResource()),
                    Map.of("truncation", "true", "maxLength", String.valueOf(spec.maxTokens() + 2),
                            "padding", "false"));
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            env.setTelemetry(false); // Windows' ETW events; POSIX telemetry is off from the start
            OnnxRuntimeSetup.removeEmptyLoaderFolders();
            var options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // Spinning worker threads burn the core that the indexer, the web server or the LLM
            // needs; on 2 cores they cost more than they win.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            byte[] model;
            try (InputStream in = resource(spec.onnxResource())) {
                model = in.readAllBytes();
            }
            OrtSession session = env.createSession(model, options);
            return new Loaded(env, session, tokenizer, session.getInputNames().contains("token_type_ids"));
        } catch (IOException e) {
            if (tokenizer != null) tokenizer.close();
            throw new UncheckedIOException("Cannot read embedding model " + spec.name(), e);
        } catch (OrtException e) {
            if (tokenizer != null) tokenizer.close();
            throw new IllegalStateException("ONNX Runtime cannot load embedding model " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** The loaded model, waiting for the background load if it is still running. */
    private Loaded model() {
        try {
            return loaded.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("Embedding model " + spec.name() + " failed to load: " + e.getCause(), e.getCause());
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = OnnxEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("Model resource " + name + " is not on the classpath;"
                    + " the embedding model artifact is missing from the build.");
        }
        return in;
    }

    @Override
    public float[] embedPassage(String passage) {
        return embed(spec.passagePrefix() + passage);
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(spec.queryPrefix() + query);
    }

    @Override
    public int countTokens(String text) {
        return whileOpen(() -> model().tokenizer().encode(text, false, false).getIds().length);
    }

    @Override
    public int maxTokens() {
        return spec.maxTokens();
    }

    @Override
    public int dimensions() {
        return spec.dimensions();
    }

    @Override
    public String modelName() {
        return spec.name();
    }

    private float[] embed(String text) {
        return whileOpen(() -> run(List.of(model().tokenizer().encode(text))).getFirst());
    }

    /** Runs {@code work} with the natives held open; after close() it fails instead of crashing. */
    private <T> T whileOpen(Supplier<T> work) {
        inUse.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("the embedding model " + spec.name() + " is closed");
            return work.get();
        } finally {
            inUse.readLock().unlock();
        }
    }

    /**
     * Embeds passages {@code batchSize} at a time (padded to the longest in each batch). With
     * batch size 1 no padding is computed at all; docs/benchmarks.md measures which is faster.
     */
    @Override
    public List<float[]> embedPassages(List<String> passages) {
        return whileOpen(() -> embedEach(passages));
    }

    private List<float[]> embedEach(List<String> passages) {
        List<float[]> out = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i += batchSize) {
            List<Encoding> batch = new ArrayList<>();
            for (String p : passages.subList(i, Math.min(passages.size(), i + batchSize))) {
                batch.add(model().tokenizer().encode(spec.passagePrefix() + p));
            }
            out.addAll(run(batch));
        }
        return out;
    }

    private List<float[]> run(List<Encoding> batch) {
        Loaded m = model();
        OrtEnvironment env = m.env();
        int len = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
        long[][] ids = new long[batch.size()][len];
        long[][] mask = new long[batch.size()][len];
        long[][] types = new long[batch.size()][len];
        for (int b = 0; b < batch.size(); b++) { // zero padding: pad id 0, mask 0
            Encoding e = batch.get(b);
            System.arraycopy(e.getIds(), 0, ids[b], 0, e.getIds().length);
            System.arraycopy(e.getAttentionMask(), 0, mask[b], 0, e.getAttentionMask().length);
            System.arraycopy(e.getTypeIds(), 0, types[b], 0, e.getTypeIds().length);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (m.wantsTokenTypeIds()) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, types));
            }
            try (OrtSession.Result result = m.session().run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                List<float[]> out = new ArrayList<>(batch.size());
                for (int b = 0; b < batch.size(); b++) {
                    out.add(normalise(spec.pooling() == ModelSpec.Pooling.CLS ? hidden[b][0] : mean(hidden[b], mask[b])));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Embedding failed in ONNX Runtime", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Average of the token vectors that the attention mask marks as real tokens. */
    static float[] mean(float[][] tokens, long[] mask) {
        float[] sum = new float[tokens[0].length];
        int n = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) continue;
            n++;
            for (int i = 0; i < sum.length; i++) sum[i] += tokens[t][i];
        }
        for (int i = 0; i < sum.length; i++) sum[i] /= Math.max(1, n);
        return sum;
    }

    static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float inv = sum == 0 ? 0f : (float) (1.0 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    @Override
    public void close() {
        Loaded m;
        try {
            m = loaded.join();
        } catch (CompletionException e) {
            return; // nothing was loaded, nothing to free
        }
        inUse.writeLock().lock(); // waits for running embeddings
        try {
            if (closed) return;
            closed = true;
        } finally {
            inUse.writeLock().unlock();
        }
        try {
            m.session().close();
        } catch (OrtException e) {
            throw new IllegalStateException("Closing ONNX session failed", e);
        } finally {
            m.tokenizer().close();
        }
    }
}
