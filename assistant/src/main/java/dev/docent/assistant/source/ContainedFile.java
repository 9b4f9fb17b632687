package dev.docent.assistant.source;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Opens a catalogued file once, so that what is read is the file inside the watched folder and
 * nothing a link leads to. A check by name followed by an open by name leaves a gap in which a
 * parent folder can be swapped for a link ({@code NOFOLLOW_LINKS} guards only the last name), so
 * the file is reached from the watched folder one name at a time: each folder is opened relative
 * to the one above it, and each name, the file's included, with {@code O_NOFOLLOW}
 * ({@link SecureDirectoryStream}, i.e. {@code openat}). Whatever happens to the names meanwhile,
 * the channel returned is a regular file below the folder; the caller reads only from it.
 *
 * <p>Where the platform has no secure directory streams, the file is opened without following its
 * last name and then verified: its real path must still lie inside the folder and its identity
 * (file key) must be the one seen before the open and after it.
 */
final class ContainedFile {

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final Set<OpenOption> READ_NO_FOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private ContainedFile() {}

    /** {@code file} opened for reading, if it lies below one of {@code folders} and no link is on the way. */
    static SeekableByteChannel open(Path file, List<Path> folders) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        for (Path root : roots(folders)) {
            if (target.startsWith(root) && !target.equals(root)) return openBelow(root, root.relativize(target), target);
        }
        throw new AccessDeniedException(file.toString(), null, "not inside a watched folder");
    }

    /** Each folder as given (absolute) and as its links resolve: a catalog path lies below one of them. */
    private static List<Path> roots(List<Path> folders) {
        List<Path> roots = new ArrayList<>();
        for (Path f : folders) {
            Path abs = f.toAbsolutePath().normalize();
            try {
                roots.add(abs.toRealPath());
            } catch (IOException e) {
                // not there now: nothing below it can be opened
            }
            if (!roots.contains(abs)) roots.add(abs);
        }
        return roots;
    }

    private static SeekableByteChannel openBelow(Path root, Path relative, Path target) throws IOException {
        for (Path name : relative) {
            String n = name.toString();
            if (n.isEmpty() || n.equals(".") || n.equals("..")) throw new AccessDeniedException(target.toString(), null, "not a plain path");
        }
        // The watched folder itself is opened as the user named it (a folder given as a link is watched where it leads).
        DirectoryStream<Path> top = Files.newDirectoryStream(root);
        if (!(top instanceof SecureDirectoryStream<Path> secure)) {
            top.close();
            return openThenVerify(root, target);
        }
        SecureDirectoryStream<Path> dir = secure;
        try {
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                SecureDirectoryStream<Path> next = dir.newDirectoryStream(relative.getName(i), NO_FOLLOW);
                dir.close();
                dir = next;
            }
            Path name = relative.getFileName();
            BasicFileAttributeView view = dir.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW);
            BasicFileAttributes before = view.readAttributes();
            // A FIFO would block the open and a device is no document: only regular files are opened.
            if (!before.isRegularFile()) throw new FileSystemException(target.toString(), null, "not a regular file");
            SeekableByteChannel channel = dir.newByteChannel(name, READ_NO_FOLLOW);
            if (!Objects.equals(before.fileKey(), view.readAttributes().fileKey())) {
                channel.close(); // replaced between the look and the open: try again later
                throw new FileSystemException(target.toString(), null, "changed while it was opened");
            }
            return channel;
        } finally {
            dir.close();
        }
    }

    private static SeekableByteChannel openThenVerify(Path root, Path target) throws IOException {
        BasicFileAttributes before = Files.readAttributes(target, BasicFileAttributes.class, NO_FOLLOW);
        if (!before.isRegularFile()) throw new FileSystemException(target.toString(), null, "not a regular file");
        SeekableByteChannel channel = Files.newByteChannel(target, READ_NO_FOLLOW);
        try {
            BasicFileAttributes after = Files.readAttributes(target, BasicFileAttributes.class, NO_FOLLOW);
            if (!target.toRealPath().startsWith(root.toRealPath()) || before.fileKey() == null
                    || !before.fileKey().equals(after.fileKey())) {
                throw new FileSystemException(target.toString(), null, "changed while it was opened");
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
