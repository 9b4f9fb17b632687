package dev.docent.assistant.collection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model-written document summaries, one file per summary under {@code DATA/cache/summaries/}, named
 * by the SHA-256 of what makes it: the document's content hash, the model's name, its context size
 * (which decides the parts) and the prompts' version. So a second request is read back without the
 * model, an edited document (another content hash) or another model is summarised anew, and a copy
 * of a document shares its summary. The file is the one source of truth: written to a temporary
 * file, forced to disk and renamed over the old one, so a crash leaves the old summary, the new one
 * or none, never half of one; an unreadable file is a miss (and is replaced). Only a cache: entries
 * of edited documents stay until the data directory's cache is cleared.
 */
final class SummaryCache {

    private static final Logger log = LoggerFactory.getLogger(SummaryCache.class);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * A summary as stored.
     *
     * @param text the summary, with [n] markers for {@code parts}
     * @param parts the parts it was made from, [1] first
     * @param notes what the user should know about it (parts left out, cut-offs)
     */
    record Entry(String text, List<Part> parts, List<String> notes) {}

    /**
     * One part of the document summarised on its own.
     *
     * @param chunk the index of its first chunk in the document's chunks (its citation)
     * @param chunks how many chunks it covers
     * @param firstPage its first page (0: no pages)
     * @param lastPage its last page
     */
    record Part(int chunk, int chunks, int firstPage, int lastPage) {}

    /** Keeps nothing (no data directory to keep summaries in). */
    static final SummaryCache NONE = new SummaryCache(null);

    private final Path dir;

    /** @param dir where the files go, {@code DATA/cache/summaries}; created when the first is written */
    SummaryCache(Path dir) {
        this.dir = dir;
    }

    /** The name of the summary of content {@code sha256} by {@code model} with context {@code contextSize}. */
    static String key(String sha256, String model, int contextSize, int promptVersion) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((sha256 + "\n" + model + "\n" + contextSize + "\n" + promptVersion).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Entry> get(String key) {
        if (dir == null) return Optional.empty();
        Path f = dir.resolve(key + ".json");
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            Entry e = JSON.readValue(f.toFile(), Entry.class);
            return e == null || e.text() == null || e.parts() == null ? Optional.empty() : Optional.of(e);
        } catch (IOException e) {
            log.warn("Ignoring an unreadable cached summary {}: {}", f, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stores {@code entry} under {@code key}; a failure is logged (the summary was still given). */
    void put(String key, Entry entry) {
        if (dir == null) return;
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, key, ".tmp");
            byte[] bytes = JSON.writeValueAsBytes(entry);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Path target = dir.resolve(key + ".json");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not cache a summary in {}: {}", dir, e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless: its name never matches a key
                }
            }
        }
    }
}
