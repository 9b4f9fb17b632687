package dev.docent.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes GGUF files that hold only a header (what ModelFinder reads): enough to test listing and choosing. */
final class GgufHeaders {

    private GgufHeaders() {}

    /** A GGUF v3 header declaring {@code tensors} tensors, with string and integer metadata, padded to {@code bytes}. */
    static Path write(Path file, int tensors, Map<String, Object> metadata, long bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(4).putInt(3).array());
        out.writeBytes(le(8).putLong(tensors).array());
        out.writeBytes(le(8).putLong(metadata.size()).array());
        for (var e : metadata.entrySet()) {
            string(out, e.getKey());
            if (e.getValue() instanceof String s) {
                out.writeBytes(le(4).putInt(8).array());
                string(out, s);
            } else {
                out.writeBytes(le(4).putInt(4).array());
                out.writeBytes(le(4).putInt(((Number) e.getValue()).intValue()).array());
            }
        }
        byte[] head = out.toByteArray();
        byte[] all = new byte[(int) Math.max(bytes, head.length)];
        System.arraycopy(head, 0, all, 0, head.length);
        Files.createDirectories(file.getParent());
        return Files.write(file, all);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(le(8).putLong(b.length).array());
        out.writeBytes(b);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
