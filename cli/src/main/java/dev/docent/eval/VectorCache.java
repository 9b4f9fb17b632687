package dev.docent.eval;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Embeddings of an evaluation set, kept in a file so that embedding (minutes per corpus on two
 * cores) happens once per model, while index and fusion settings can be re-measured in seconds.
 * Records are appended as they are computed: an interrupted run resumes where it stopped, and a
 * record cut short by a crash is ignored.
 */
final class VectorCache {

    private VectorCache() {}

    /**
     * Vectors of {@code texts} (id → text): those in {@code file} are read, the rest computed with
     * {@code embed} and appended. The result keeps the order of {@code texts}.
     */
    static Map<String, float[]> load(Path file, Map<String, String> texts, Function<String, float[]> embed,
            PrintStream log, String what) {
        Map<String, float[]> known = new LinkedHashMap<>();
        long complete = read(file, known);
        int missing = (int) texts.keySet().stream().filter(id -> !known.containsKey(id)).count();
        if (missing > 0) {
            log.printf("Embedding %d %s (%d cached in %s)%n", missing, what, known.size(), file.getFileName());
            truncate(file, complete);
            append(file, texts, known, embed, log, missing, what);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        texts.keySet().forEach(id -> out.put(id, known.get(id)));
        return out;
    }

    /** The vectors already in {@code file} (e.g. while another run is still embedding), without computing any. */
    static Map<String, float[]> cached(Path file) {
        Map<String, float[]> known = new LinkedHashMap<>();
        read(file, known);
        return known;
    }

    private static void append(Path file, Map<String, String> texts, Map<String, float[]> known,
            Function<String, float[]> embed, PrintStream log, int missing, String what) {
        long t0 = System.nanoTime();
        int done = 0;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                for (var e : texts.entrySet()) {
                    if (known.containsKey(e.getKey())) continue;
                    float[] v = embed.apply(e.getValue());
                    out.writeUTF(e.getKey());
                    out.writeInt(v.length);
                    for (float x : v) out.writeFloat(x);
                    known.put(e.getKey(), v);
                    if (++done % 250 == 0) {
                        out.flush(); // progress survives an interruption
                        log.printf("  embedded %d/%d %s (%.1f/s)%n", done, missing, what, done / ((System.nanoTime() - t0) / 1e9));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the vector cache " + file + ": " + e.getMessage(), e);
        }
        log.printf("Embedded %d %s in %.1f s%n", done, what, (System.nanoTime() - t0) / 1e9);
    }

    /** Reads every complete record into {@code out}; returns the length of the file they fill. */
    private static long read(Path file, Map<String, float[]> out) {
        if (!Files.isRegularFile(file)) return 0;
        long complete = 0;
        try (var counted = new java.io.FilterInputStream(new BufferedInputStream(Files.newInputStream(file))) {
                    long position;

                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) position++;
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = super.read(buf, off, len);
                        if (n > 0) position += n;
                        return n;
                    }
                };
                var in = new DataInputStream(counted)) {
            while (true) {
                String id;
                float[] v;
                try {
                    id = in.readUTF();
                    v = new float[in.readInt()];
                    for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
                } catch (EOFException cutShort) {
                    break; // the end, or a record interrupted mid-write: it is embedded again
                }
                out.put(id, v);
                complete = counted.position;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vector cache " + file + ": " + e.getMessage(), e);
        }
        return complete;
    }

    /** Drops a record cut short by an interruption, so appended records stay aligned. */
    private static void truncate(Path file, long length) {
        if (!Files.isRegularFile(file)) return;
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair the vector cache " + file + ": " + e.getMessage(), e);
        }
    }
}
