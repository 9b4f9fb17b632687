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
import java.util.Random;

/**
 * Writes a tiny qwen2-architecture GGUF (2 layers, 64 wide) around the real Qwen2 vocabulary and
 * chat template of llama.cpp's ggml-vocab-qwen2.gguf. RANDOM weights exercise the full path (long
 * prompts, several decode batches); FORCED_EOS weights make end-of-sequence the only possible
 * greedy choice, so stopping on it can be tested deterministically.
 */
final class TinyQwenFixture {

    enum Weights { RANDOM, FORCED_EOS }

    static final int N_EMBD = 64, N_HEAD = 4, N_HEAD_KV = 2, N_FF = 128, N_LAYER = 2, CONTEXT = 2048;
    private static final int ALIGN = 32, F32 = 0, F16 = 1;
    private static final int T_UINT32 = 4, T_FLOAT32 = 6, T_STRING = 8;

    private TinyQwenFixture() {}

    static Path vocabFile() {
        return Path.of("src/test/resources/models/ggml-vocab-qwen2.gguf").toAbsolutePath();
    }

    private record Tensor(String name, long[] dims, int type, byte[] data) {}

    static Path write(Path out, Weights weights) throws IOException {
        Map<String, byte[]> kv = new LinkedHashMap<>(); // key -> type + value, raw little-endian
        int vocab = 0;
        int eos = 0;
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
                if (key.equals("tokenizer.ggml.eos_token_id")) eos = ByteBuffer.wrap(raw.toByteArray(), 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (key.equals("tokenizer.ggml.tokens")) vocab = (int) ByteBuffer.wrap(raw.toByteArray(), 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (!key.startsWith("qwen2.") && !key.equals("general.name") && !key.equals("general.file_type")) kv.put(key, raw.toByteArray());
            }
        }
        kv.put("general.name", string("tiny-qwen2-" + weights.name().toLowerCase()));
        kv.put("qwen2.block_count", u32(N_LAYER));
        kv.put("qwen2.context_length", u32(CONTEXT));
        kv.put("qwen2.embedding_length", u32(N_EMBD));
        kv.put("qwen2.feed_forward_length", u32(N_FF));
        kv.put("qwen2.attention.head_count", u32(N_HEAD));
        kv.put("qwen2.attention.head_count_kv", u32(N_HEAD_KV));
        kv.put("qwen2.rope.freq_base", f32(1_000_000f));
        kv.put("qwen2.attention.layer_norm_rms_epsilon", f32(1e-6f));
        List<Tensor> tensors = tensors(vocab, eos, weights);
        writeFile(out, kv, tensors);
        return out;
    }

    private static List<Tensor> tensors(int vocab, int eos, Weights w) {
        Random r = new Random(1234);
        int kvDim = N_EMBD / N_HEAD * N_HEAD_KV;
        boolean random = w == Weights.RANDOM;
        List<Tensor> t = new ArrayList<>();
        // FORCED_EOS: every token embeds to the same vector c; the output matrix scores only EOS
        // (its row is c), every other logit is 0, so greedy decoding must pick EOS.
        float[] c = new float[N_EMBD];
        java.util.Arrays.fill(c, 1f);
        t.add(f16("token_embd.weight", new long[] {N_EMBD, vocab}, random ? randoms(r, N_EMBD * vocab, 0.02f) : tile(c, vocab)));
        t.add(f32("output_norm.weight", new long[] {N_EMBD}, ones(N_EMBD)));
        float[] out = random ? randoms(r, N_EMBD * vocab, 0.02f) : new float[N_EMBD * vocab];
        if (!random) System.arraycopy(c, 0, out, eos * N_EMBD, N_EMBD);
        t.add(f16("output.weight", new long[] {N_EMBD, vocab}, out));
        for (int l = 0; l < N_LAYER; l++) {
            String b = "blk." + l + ".";
            float s = random ? 0.05f : 0f;
            t.add(f32(b + "attn_norm.weight", new long[] {N_EMBD}, ones(N_EMBD)));
            t.add(f32(b + "attn_q.weight", new long[] {N_EMBD, N_EMBD}, randoms(r, N_EMBD * N_EMBD, s)));
            t.add(f32(b + "attn_q.bias", new long[] {N_EMBD}, new float[N_EMBD]));
            t.add(f32(b + "attn_k.weight", new long[] {N_EMBD, kvDim}, randoms(r, N_EMBD * kvDim, s)));
            t.add(f32(b + "attn_k.bias", new long[] {kvDim}, new float[kvDim]));
            t.add(f32(b + "attn_v.weight", new long[] {N_EMBD, kvDim}, randoms(r, N_EMBD * kvDim, s)));
            t.add(f32(b + "attn_v.bias", new long[] {kvDim}, new float[kvDim]));
            t.add(f32(b + "attn_output.weight", new long[] {N_EMBD, N_EMBD}, randoms(r, N_EMBD * N_EMBD, s)));
            t.add(f32(b + "ffn_norm.weight", new long[] {N_EMBD}, ones(N_EMBD)));
            t.add(f32(b + "ffn_gate.weight", new long[] {N_EMBD, N_FF}, randoms(r, N_EMBD * N_FF, s)));
            t.add(f32(b + "ffn_up.weight", new long[] {N_EMBD, N_FF}, randoms(r, N_EMBD * N_FF, s)));
            t.add(f32(b + "ffn_down.weight", new long[] {N_FF, N_EMBD}, randoms(r, N_FF * N_EMBD, s)));
        }
        return t;
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
                offset = align(offset + t.data().length);
            }
            byte[] h = header.toByteArray();
            os.write(h);
            os.write(new byte[(int) (align(h.length) - h.length)]);
            for (Tensor t : tensors) {
                os.write(t.data());
                os.write(new byte[(int) (align(t.data().length) - t.data().length)]);
            }
        }
    }

    private static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static Tensor f32(String name, long[] dims, float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return new Tensor(name, dims, F32, b.array());
    }

    private static Tensor f16(String name, long[] dims, float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putShort(Float.floatToFloat16(x));
        return new Tensor(name, dims, F16, b.array());
    }

    private static float[] randoms(Random r, int n, float scale) {
        float[] v = new float[n];
        if (scale == 0) return v;
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian() * scale;
        return v;
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    private static float[] tile(float[] row, int times) {
        float[] v = new float[row.length * times];
        for (int i = 0; i < times; i++) System.arraycopy(row, 0, v, i * row.length, row.length);
        return v;
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
