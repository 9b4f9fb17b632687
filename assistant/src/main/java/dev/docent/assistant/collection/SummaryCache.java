package dev.docent.assistant.collection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
 * or none, never half of one; an unreadable file is a miss (and is replaced).
 *
 * <p>Bounded: after each write, while the files hold more than {@link #DEFAULT_MAX_BYTES}, the least
 * recently used go (a hit sets its file's modification time to now, so the time says when it was
 * last used). Summaries of edited or deleted documents, which no key reaches any more, are thus
 * the first to go without the catalog being asked; a summary is written seldom (each costs model
 * calls of seconds), so listing the folder then costs nothing that matters. Temporary files a
 * crash left behind go once they are an hour old.
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

    /** 32 MB: some thousands of summaries (a few KB each), negligible beside the index. */
    static final long DEFAULT_MAX_BYTES = 32L << 20;

    private final Path dir;
    private final long maxBytes;
    private final Clock clock;

    /** @param dir where the files go, {@code DATA/cache/summaries}; created when the first is written */
    SummaryCache(Path dir) {
        this(dir, DEFAULT_MAX_BYTES, Clock.systemUTC());
    }

    /** @param maxBytes the most the summaries' files may hold after a write */
    SummaryCache(Path dir, long maxBytes, Clock clock) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.clock = clock;
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
            if (e == null || e.text() == null || e.parts() == null) return Optional.empty();
            touch(f);
            return Optional.of(e);
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
            touch(target);
            evict();
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

    /** Marks {@code f} as used now; failing to is harmless (it only goes sooner). */
    private void touch(Path f) {
        try {
            Files.setLastModifiedTime(f, FileTime.from(clock.instant()));
        } catch (IOException e) {
            log.debug("Could not mark {} as used: {}", f, e.getMessage());
        }
    }

    /** Deletes the least recently used summaries until the rest fit in {@link #maxBytes}. */
    private void evict() throws IOException {
        record Used(Path file, long bytes, FileTime at) {}
        List<Used> files = new ArrayList<>();
        long total = 0;
        FileTime staleTemp = FileTime.from(clock.instant().minus(Duration.ofHours(1)));
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path f : all) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(f, BasicFileAttributes.class);
                } catch (NoSuchFileException gone) {
                    continue; // another process evicted it meanwhile
                }
                String name = f.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    if (a.lastModifiedTime().compareTo(staleTemp) < 0) Files.deleteIfExists(f);
                } else if (name.endsWith(".json") && a.isRegularFile()) {
                    files.add(new Used(f, a.size(), a.lastModifiedTime()));
                    total += a.size();
                }
            }
        }
        if (total <= maxBytes) return;
        files.sort(Comparator.comparing(Used::at));
        int dropped = 0;
        for (Used u : files) {
            if (total <= maxBytes) break;
            Files.deleteIfExists(u.file());
            total -= u.bytes();
            dropped++;
        }
        log.info("Summary cache: {} least recently used summaries dropped (the cache keeps {} MB)", dropped, maxBytes >> 20);
    }
}
