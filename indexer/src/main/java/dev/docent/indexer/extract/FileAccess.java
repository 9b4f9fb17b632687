package dev.docent.indexer.extract;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The checks made when a file is about to be read. The folder walk and the read are apart in time,
 * and in between a file can be swapped for a symbolic link, a FIFO or a directory, vanish, lose
 * its permissions, or grow. Links are never followed: the name is examined and opened with
 * {@code NOFOLLOW_LINKS}, and the file's real path (links in its folders resolved) must lie inside
 * a watched folder, so a link put in place after the walk cannot expose a file from elsewhere.
 *
 * <p>Limit: Tika and PDFBox open the file again by its name. A swap in the instant between
 * {@link #check} and that open, undone before {@link #checkUnchanged}, is not seen; closing that
 * gap needs parsers that read from an already-open descriptor.
 */
public final class FileAccess {

    public static final String SYMLINK = "is a symbolic link (not followed)";
    public static final String OUTSIDE = "resolves outside the watched folders";
    public static final String SPECIAL = "is a FIFO/device, not a regular file";

    /** The file as seen just before reading; compared after reading to notice a change. */
    public record Snapshot(long size, Instant modified, Object fileKey) {}

    private final List<Path> roots;
    private final long maxBytes;

    /** @param watchedFolders the folders files may come from (their real paths are taken now) */
    public FileAccess(List<Path> watchedFolders, long maxBytes) {
        if (watchedFolders.isEmpty()) throw new IllegalArgumentException("no watched folder");
        this.roots = watchedFolders.stream().map(FileAccess::realOrAbsolute).toList();
        this.maxBytes = maxBytes;
    }

    /** The file as it is now, if it may be read: a regular file inside a watched folder, within the size limit. */
    public Snapshot check(Path file) throws ExtractionException {
        BasicFileAttributes a = attributes(file, false);
        if (a.isSymbolicLink()) throw ExtractionException.retryable(SYMLINK, null);
        if (a.isDirectory()) throw ExtractionException.retryable("is a directory, not a file", null);
        if (!a.isRegularFile()) throw ExtractionException.retryable(SPECIAL, null);
        if (a.size() > maxBytes) {
            // Checked before anything reads the file: a 1 GB file costs one stat, not a hash.
            throw new ExtractionException("too large: " + a.size() / (1024 * 1024) + " MB (limit "
                    + maxBytes / (1024 * 1024) + " MB, setting indexing.max_file_mb)");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw failure(e, false);
        }
        if (roots.stream().noneMatch(real::startsWith)) throw ExtractionException.retryable(OUTSIDE, null);
        return snapshot(a);
    }

    /** SHA-256 of the content, read without following links; fails if the size moved meanwhile. */
    public String sha256(Path file, Snapshot before) throws ExtractionException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
        long read = 0;
        try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            // Never more than one byte past the size seen: a file that keeps growing cannot hold us.
            for (int n; read <= before.size() && (n = in.read(buf.clear())) > 0; read += n) {
                md.update(buf.flip());
            }
        } catch (IOException e) {
            throw failure(e, true);
        }
        if (read != before.size()) throw changed();
        return HexFormat.of().formatHex(md.digest());
    }

    /** After reading: the same file (not replaced, grown or removed) is still there. */
    public void checkUnchanged(Path file, Snapshot before) throws ExtractionException {
        BasicFileAttributes a = attributes(file, true);
        if (a.isSymbolicLink()) throw ExtractionException.retryable(SYMLINK, null);
        if (!snapshot(a).equals(before)) throw changed();
    }

    /** The reason for an I/O failure, in words; {@code reading}: it happened after the first look. */
    static ExtractionException failure(IOException e, boolean reading) {
        if (e instanceof NoSuchFileException) {
            return ExtractionException.retryable(reading ? "vanished while it was being read"
                    : "vanished before it could be read", e);
        }
        if (e instanceof AccessDeniedException) return ExtractionException.retryable("permission denied", e);
        if (e instanceof FileSystemException f && f.getReason() != null && f.getReason().contains("symbolic link")) {
            return ExtractionException.retryable(SYMLINK, e); // ELOOP: opened with O_NOFOLLOW
        }
        if (e instanceof ClosedByInterruptException || e instanceof InterruptedIOException) {
            return ExtractionException.retryable("stopped before it was read", e);
        }
        String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
        return ExtractionException.retryable("cannot read file: " + why, e);
    }

    private static ExtractionException changed() {
        return ExtractionException.retryable("changed while it was being read; it will be read again", null);
    }

    private static BasicFileAttributes attributes(Path file, boolean reading) throws ExtractionException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw failure(e, reading);
        }
    }

    private static Snapshot snapshot(BasicFileAttributes a) {
        return new Snapshot(a.size(), a.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS),
                Objects.requireNonNullElse(a.fileKey(), ""));
    }

    private static Path realOrAbsolute(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder.toAbsolutePath().normalize();
        }
    }
}
