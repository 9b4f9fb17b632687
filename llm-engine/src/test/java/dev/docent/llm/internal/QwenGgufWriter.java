package dev.docent.llm.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes qwen2-architecture GGUF files with random (or rigged) weights around the real Qwen2
 * vocabulary and chat template of llama.cpp's ggml-vocab-qwen2.gguf: a {@link Shape#TINY} model
 * for tests, and real {@link Shape#QWEN25_05B} shapes in Q8_0 or Q4_0 for benchmarks (what a
 * token costs depends on the shapes and the quantisation, not on the weights' values). Tensors are
 * generated and written one at a time, so a 0.5B model never sits in memory.
 * Benchmark use: {@code QwenGgufWriter OUT.gguf q4_0|q8_0} writes Qwen2.5-0.5B shapes.
 */
public final class QwenGgufWriter {

    /** Model dimensions. {@code tiedOutput}: no output.weight; the token embeddings are reused. */
    record Shape(int nEmbd, int nHead, int nHeadKv, int nFf, int nLayer, int context, boolean tiedOutput) {
        static final Shape TINY = new Shape(64, 4, 2, 128, 2, 2048, false);
        static final Shape QWEN25_05B = new Shape(896, 14, 2, 4864, 24, 32768, true);
    }

    public enum Weights { RANDOM, FORCED_EOS }

    static final int F32 = 0, F16 = 1, Q4_0 = 2, Q8_0 = 8;
    private static final int ALIGN = 32, T_UINT32 = 4, T_FLOAT32 = 6, T_STRING = 8;

    private QwenGgufWriter() {}

    /** The vocabulary donor, found from any module's tests (web-ui's too, through the test jar). */
    static Path vocabFile() {
        String root = System.getProperty("docent.repo.root");
        Path file = Path.of("llm-engine/src/test/resources/models/ggml-vocab-qwen2.gguf");
        return (root != null ? Path.of(root).resolve(file) : Path.of("src/test/resources/models/ggml-vocab-qwen2.gguf"))
                .toAbsolutePath();
    }

    /** The TINY test model in F16/F32. */
    public static Path writeTiny(Path out, Weights weights) throws IOException {
        return write(out, Shape.TINY, F16, weights, List.of());
    }

    /** The TINY test model with {@code controlTokens} added to the vocabulary as control tokens (other families' markers). */
    static Path writeTiny(Path out, Weights weights, List<String> controlTokens) throws IOException {
        return write(out, Shape.TINY, F16, weights, controlTokens);
    }

    public static void main(String[] args) throws IOException {
        int type = switch (args[1].toLowerCase()) {
            case "q4_0" -> Q4_0;
            case "q8_0" -> Q8_0;
            case "f16" -> F16;
            default -> throw new IllegalArgumentException("type must be q4_0, q8_0 or f16");
        };
        write(Path.of(args[0]), Shape.QWEN25_05B, type, Weights.RANDOM, List.of());
    }

    /** A tensor whose bytes are made only when written. */
    private record Tensor(String name, long[] dims, int type, Gen values) {
        long count() {
            long n = 1;
            for (long d : dims) n *= d;
            return n;
        }

        long bytes() {
            return switch (type) {
                case F32 -> 4 * count();
                case F16 -> 2 * count();
                case Q8_0 -> count() / 32 * 34;
                case Q4_0 -> count() / 32 * 18;
                default -> throw new IllegalStateException();
            };
        }
    }

    /** Value at flat index i. */
    @FunctionalInterface
    private interface Gen {
        float at(long i);
    }

    static Path write(Path out, Shape s, int matrixType, Weights weights, List<String> controlTokens) throws IOException {
        Map<String, byte[]> kv = new LinkedHashMap<>();
        int[] vocabAndEos = copyVocabulary(kv, controlTokens);
        int vocab = vocabAndEos[0], eos = vocabAndEos[1];
        kv.put("general.name", string("qwen2-random-" + s.nEmbd() + "x" + s.nLayer()));
        kv.put("qwen2.block_count", u32(s.nLayer()));
        kv.put("qwen2.context_length", u32(s.context()));
        kv.put("qwen2.embedding_length", u32(s.nEmbd()));
        kv.put("qwen2.feed_forward_length", u32(s.nFf()));
        kv.put("qwen2.attention.head_count", u32(s.nHead()));
        kv.put("qwen2.attention.head_count_kv", u32(s.nHeadKv()));
        kv.put("qwen2.rope.freq_base", f32(1_000_000f));
        kv.put("qwen2.attention.layer_norm_rms_epsilon", f32(1e-6f));
        writeFile(out, kv, tensors(s, vocab, eos, matrixType, weights));
        return out;
    }

    private static List<Tensor> tensors(Shape s, int vocab, int eos, int mt, Weights w) {
        boolean random = w == Weights.RANDOM;
        int e = s.nEmbd(), kvDim = e / s.nHead() * s.nHeadKv();
        Gen zero = i -> 0f, one = i -> 1f;
        List<Tensor> t = new ArrayList<>();
        // FORCED_EOS: every token embeds to the same all-ones vector, the layers add nothing, and
        // only the EOS row of the output matrix is non-zero: greedy decoding must pick EOS.
        t.add(new Tensor("token_embd.weight", new long[] {e, vocab}, mt, random ? noise(1, 0.02f) : one));
        t.add(new Tensor("output_norm.weight", new long[] {e}, F32, one));
        if (!s.tiedOutput()) {
            long eosStart = (long) eos * e;
            t.add(new Tensor("output.weight", new long[] {e, vocab}, mt,
                    random ? noise(2, 0.02f) : i -> i >= eosStart && i < eosStart + e ? 1f : 0f));
        }
        for (int l = 0; l < s.nLayer(); l++) {
            String b = "blk." + l + ".";
            int seed = 100 + l * 16;
            Gen m = random ? null : zero;
            t.add(new Tensor(b + "attn_norm.weight", new long[] {e}, F32, one));
            t.add(new Tensor(b + "attn_q.weight", new long[] {e, e}, mt, m != null ? m : noise(seed, 0.05f)));
            t.add(new Tensor(b + "attn_q.bias", new long[] {e}, F32, zero));
            t.add(new Tensor(b + "attn_k.weight", new long[] {e, kvDim}, mt, m != null ? m : noise(seed + 1, 0.05f)));
            t.add(new Tensor(b + "attn_k.bias", new long[] {kvDim}, F32, zero));
            t.add(new Tensor(b + "attn_v.weight", new long[] {e, kvDim}, mt, m != null ? m : noise(seed + 2, 0.05f)));
            t.add(new Tensor(b + "attn_v.bias", new long[] {kvDim}, F32, zero));
            t.add(new Tensor(b + "attn_output.weight", new long[] {e, e}, mt, m != null ? m : noise(seed + 3, 0.05f)));
            t.add(new Tensor(b + "ffn_norm.weight", new long[] {e}, F32, one));
            t.add(new Tensor(b + "ffn_gate.weight", new long[] {e, s.nFf()}, mt, m != null ? m : noise(seed + 4, 0.05f)));
            t.add(new Tensor(b + "ffn_up.weight", new long[] {e, s.nFf()}, mt, m != null ? m : noise(seed + 5, 0.05f)));
            t.add(new Tensor(b + "ffn_down.weight", new long[] {s.nFf(), e}, mt, m != null ? m : noise(seed + 6, 0.05f)));
        }
        return t;
    }

    /** Deterministic uniform noise in [-scale, scale] (a hash of seed and index: fast, reproducible). */
    private static Gen noise(long seed, float scale) {
        return i -> {
            long z = (i + seed * 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
            return ((z >>> 40) / (float) (1L << 24) * 2f - 1f) * scale;
        };
    }

    private static void writeFile(Path out, Map<String, byte[]> kv, List<Tensor> tensors) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            var header = new ByteArrayOutputStream();
            header.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
            header.writeBytes(le32(3));
            header.writeBytes(le64(tensors.size()));
            header.writeBytes(le64(kv.size()));
            kv.forEach((k, v) -> {
                header.writeBytes(gstring(k));
                header.writeBytes(v);
            });
            long offset = 0;
            for (Tensor t : tensors) {
                header.writeBytes(gstring(t.name()));
                header.writeBytes(le32(t.dims().length));
                for (long d : t.dims()) header.writeBytes(le64(d));
                header.writeBytes(le32(t.type()));
                header.writeBytes(le64(offset));
                offset = align(offset + t.bytes());
            }
            byte[] h = header.toByteArray();
            os.write(h);
            os.write(new byte[(int) (align(h.length) - h.length)]);
            for (Tensor t : tensors) {
                writeData(os, t);
                os.write(new byte[(int) (align(t.bytes()) - t.bytes())]);
            }
        }
    }

    /** Encodes a tensor's values in its type, 32-value blocks for the quantised ones (ggml's reference formats). */
    private static void writeData(OutputStream os, Tensor t) throws IOException {
        long n = t.count();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        float[] block = new float[32];
        long i = 0;
        while (i < n) {
            if (buf.remaining() < 136) {
                os.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            switch (t.type()) {
                case F32 -> buf.putFloat(t.values().at(i++));
                case F16 -> buf.putShort(Float.floatToFloat16(t.values().at(i++)));
                default -> {
                    float amax = 0, max = 0;
                    for (int j = 0; j < 32; j++) {
                        block[j] = t.values().at(i + j);
                        if (Math.abs(block[j]) > amax) {
                            amax = Math.abs(block[j]);
                            max = block[j];
                        }
                    }
                    i += 32;
                    if (t.type() == Q8_0) {
                        float d = amax / 127f, id = d == 0 ? 0 : 1 / d;
                        buf.putShort(Float.floatToFloat16(d));
                        for (int j = 0; j < 32; j++) buf.put((byte) Math.round(block[j] * id));
                    } else { // Q4_0: low nibbles hold values 0..15, high nibbles 16..31
                        float d = max / -8f, id = d == 0 ? 0 : 1 / d;
                        buf.putShort(Float.floatToFloat16(d));
                        for (int j = 0; j < 16; j++) {
                            int lo = Math.min(15, (int) (block[j] * id + 8.5f));
                            int hi = Math.min(15, (int) (block[j + 16] * id + 8.5f));
                            buf.put((byte) (lo | (hi << 4)));
                        }
                    }
                }
            }
        }
        os.write(buf.array(), 0, buf.position());
    }

    private static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /**
     * Copies the vocabulary file's key/values (minus its qwen2.* shape keys), appending
     * {@code controlTokens} (token type 3, control); returns {vocab size, EOS id}.
     */
    private static int[] copyVocabulary(Map<String, byte[]> kv, List<String> controlTokens) throws IOException {
        int vocab = 0, eos = 0;
        try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(vocabFile())))) {
            in.readNBytes(4);
            in.readInt();
            in.readLong();
            long n = Long.reverseBytes(in.readLong());
            for (long i = 0; i < n; i++) {
                String key = readString(in);
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                int type = Integer.reverseBytes(in.readInt());
                raw.writeBytes(le32(type));
                copyValue(in, type, raw);
                byte[] bytes = raw.toByteArray();
                if (key.equals("tokenizer.ggml.tokens")) {
                    bytes = appended(bytes, controlTokens.stream().map(QwenGgufWriter::gstring).toList());
                }
                if (key.equals("tokenizer.ggml.token_type")) {
                    bytes = appended(bytes, controlTokens.stream().map(t -> le32(3)).toList());
                }
                if (key.equals("tokenizer.ggml.eos_token_id")) eos = ByteBuffer.wrap(bytes, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (key.equals("tokenizer.ggml.tokens")) vocab = (int) ByteBuffer.wrap(bytes, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (!key.startsWith("qwen2.") && !key.equals("general.name") && !key.equals("general.file_type")) kv.put(key, bytes);
            }
        }
        return new int[] {vocab, eos};
    }

    /** A GGUF array value (type, element type, count, elements) with {@code more} elements appended. */
    private static byte[] appended(byte[] array, List<byte[]> more) {
        ByteBuffer b = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        long count = b.getLong(8);
        var out = new ByteArrayOutputStream();
        out.writeBytes(java.util.Arrays.copyOf(array, 8));
        out.writeBytes(le64(count + more.size()));
        out.write(array, 16, array.length - 16);
        more.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static String readString(DataInputStream in) throws IOException {
        long len = Long.reverseBytes(in.readLong());
        return new String(in.readNBytes((int) len), StandardCharsets.UTF_8);
    }

    /** Copies one value of GGUF type {@code type} verbatim. */
    private static void copyValue(DataInputStream in, int type, ByteArrayOutputStream out) throws IOException {
        switch (type) {
            case 0, 1, 7 -> out.writeBytes(in.readNBytes(1));
            case 2, 3 -> out.writeBytes(in.readNBytes(2));
            case 4, 5, 6 -> out.writeBytes(in.readNBytes(4));
            case 10, 11, 12 -> out.writeBytes(in.readNBytes(8));
            case 8 -> {
                byte[] len = in.readNBytes(8);
                out.writeBytes(len);
                out.writeBytes(in.readNBytes((int) ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong()));
            }
            case 9 -> {
                byte[] elemType = in.readNBytes(4);
                byte[] count = in.readNBytes(8);
                out.writeBytes(elemType);
                out.writeBytes(count);
                int et = ByteBuffer.wrap(elemType).order(ByteOrder.LITTLE_ENDIAN).getInt();
                long n = ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).getLong();
                for (long i = 0; i < n; i++) copyValue(in, et, out);
            }
            default -> throw new IOException("unknown GGUF type " + type);
        }
    }

    private static byte[] u32(int v) {
        return concat(le32(T_UINT32), le32(v));
    }

    private static byte[] f32(float v) {
        return concat(le32(T_FLOAT32), le32(Float.floatToIntBits(v)));
    }

    private static byte[] string(String s) {
        return concat(le32(T_STRING), gstring(s));
    }

    private static byte[] gstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return concat(le64(b.length), b);
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
