package dev.docent.llm;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata at the start of a GGUF file (magic, version, key/value pairs), read without
 * llama.cpp: enough to reject a file that is not GGUF or is cut short, and to show a model's
 * architecture, name and quantization.
 *
 * @param version GGUF format version
 * @param tensorCount tensors declared
 * @param metadata string and integer values by key (arrays are skipped)
 */
public record GgufHeader(int version, long tensorCount, Map<String, Object> metadata) {

    public String architecture() {
        return (String) metadata.getOrDefault("general.architecture", "unknown");
    }

    public String name() {
        Object n = metadata.get("general.name");
        return n == null ? null : n.toString();
    }

    /** Architectures that only embed (or rerank) text: no chat model among them. */
    private static final java.util.Set<String> EMBEDDING_ARCHITECTURES = java.util.Set.of("bert", "nomic-bert",
            "nomic-bert-moe", "jina-bert-v2", "jina-bert-v3", "modern-bert", "neo-bert", "t5encoder", "gemma-embedding");

    /**
     * What the file holds, as {@link dev.docent.llm.ModelInfo} names it: "chat", "embedding",
     * "projector", "adapter" or "vocabulary". An embedding model is told by its architecture or by
     * the pooling type its converter records ({@code ARCH.pooling_type}), which only models that
     * produce one vector per text have; such a model would load but write nonsense.
     */
    public String role() {
        String type = String.valueOf(metadata.getOrDefault("general.type", "model"));
        String arch = architecture();
        if (type.equals("adapter") || metadata.containsKey("adapter.type")) return "adapter";
        if (type.equals("mmproj") || arch.equals("clip")) return "projector";
        if (tensorCount == 0) return "vocabulary";
        if (EMBEDDING_ARCHITECTURES.contains(arch) || metadata.containsKey(arch + ".pooling_type")) return "embedding";
        return "chat";
    }

    /** Whether the file carries a chat template (instruct models do, base models do not). */
    public boolean hasChatTemplate() {
        return metadata.get("tokenizer.chat_template") instanceof String t && !t.isBlank();
    }

    /** llama.cpp's file type number (general.file_type) as a name such as Q4_K_M, or null. */
    public String quantization() {
        Object t = metadata.get("general.file_type");
        if (!(t instanceof Number n)) return null;
        return switch (n.intValue()) {
            case 0 -> "F32"; case 1 -> "F16"; case 2 -> "Q4_0"; case 3 -> "Q4_1"; case 7 -> "Q8_0";
            case 8 -> "Q5_0"; case 9 -> "Q5_1"; case 10 -> "Q2_K"; case 11 -> "Q3_K_S"; case 12 -> "Q3_K_M";
            case 13 -> "Q3_K_L"; case 14 -> "Q4_K_S"; case 15 -> "Q4_K_M"; case 16 -> "Q5_K_S"; case 17 -> "Q5_K_M";
            case 18 -> "Q6_K"; case 32 -> "BF16"; default -> "type " + n.intValue();
        };
    }

    /** Reads the header; throws IOException saying what is wrong with a file that is not valid GGUF. */
    public static GgufHeader read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4 || !new String(magic, StandardCharsets.US_ASCII).equals("GGUF")) {
                throw new IOException(file.getFileName() + " is not a GGUF model file (it does not start with 'GGUF')");
            }
            int version = Integer.reverseBytes(in.readInt());
            if (version < 2 || version > 3) throw new IOException("unsupported GGUF version " + version);
            long tensors = Long.reverseBytes(in.readLong());
            long kvs = Long.reverseBytes(in.readLong());
            if (tensors < 0 || kvs < 0 || kvs > 1_000_000) throw new IOException("corrupt GGUF header");
            Map<String, Object> meta = new LinkedHashMap<>();
            for (long i = 0; i < kvs; i++) {
                String key = string(in);
                int type = Integer.reverseBytes(in.readInt());
                Object value = value(in, type);
                if (value != null) meta.put(key, value);
            }
            return new GgufHeader(version, tensors, meta);
        } catch (EOFException e) {
            throw new IOException(file.getFileName() + " is truncated: its GGUF header ends early", e);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        long len = Long.reverseBytes(in.readLong());
        if (len < 0 || len > 100_000_000) throw new IOException("corrupt GGUF string length " + len);
        byte[] b = in.readNBytes((int) len);
        if (b.length != len) throw new EOFException();
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Reads one value of GGUF type {@code type}; arrays are consumed and dropped. */
    private static Object value(DataInputStream in, int type) throws IOException {
        return switch (type) {
            case 0 -> (long) in.readUnsignedByte();
            case 1 -> (long) in.readByte();
            case 2 -> (long) Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            case 3 -> (long) Short.reverseBytes(in.readShort());
            case 4 -> Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            case 5 -> (long) Integer.reverseBytes(in.readInt());
            case 6 -> Float.intBitsToFloat(Integer.reverseBytes(in.readInt()));
            case 7 -> in.readUnsignedByte() != 0;
            case 8 -> string(in);
            case 9 -> {
                int elementType = Integer.reverseBytes(in.readInt());
                long n = Long.reverseBytes(in.readLong());
                for (long k = 0; k < n; k++) value(in, elementType);
                yield null;
            }
            case 10, 11 -> Long.reverseBytes(in.readLong());
            case 12 -> Double.longBitsToDouble(Long.reverseBytes(in.readLong()));
            default -> throw new IOException("corrupt GGUF: unknown value type " + type);
        };
    }
}
