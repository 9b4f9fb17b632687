package dev.docent.web.api;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file holding an access token: {@code DATA/api-token} (the owner's proof on this machine) or the
 * file of {@code serve --token-file} (remote clients). Made on first use with 32 random bytes
 * (base64url), readable by the owner only. An existing file must be a regular file (no link) with a
 * usable token; one that other accounts could read is made private again and reported, and for a
 * file Docent manages ({@code replaceIfExposed}) the token is replaced, since it may have been read.
 */
public final class TokenFile {

    /** Where {@code serve} keeps the token of this machine's clients, in the data directory. */
    public static final String NAME = "api-token";
    private static final int MIN_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    /** The token and whether it was made just now. */
    public record Token(String value, boolean made) {}

    private TokenFile() {}

    /**
     * The token in {@code file}, made if there is none. Problems go to {@code warnings} (a token file
     * others could read); a file that is not usable is an {@link IllegalArgumentException} naming it.
     */
    public static Token ensure(Path file, PrintStream warnings, boolean replaceIfExposed) {
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile()) {
                    throw new IllegalArgumentException("the token file " + file + " is not a regular file (a link, a folder?); "
                            + "remove it to have a new one made");
                }
                Set<PosixFilePermission> mode = mode(file);
                if (mode != null && !OWNER_ONLY.containsAll(mode)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                    if (replaceIfExposed) {
                        write(file, newToken());
                        warnings.println("Warning: the token file " + file + " was readable by other accounts ("
                                + PosixFilePermissions.toString(mode) + "): it holds a new token now, readable by you only (600). "
                                + "Scripts read it again; a page you had open needs the new login link.");
                    } else {
                        warnings.println("Warning: the token file " + file + " was readable by other accounts ("
                                + PosixFilePermissions.toString(mode) + "): made it readable by you only (600). "
                                + "Anyone who read it has the token: delete the file and restart for a new one.");
                    }
                }
                String token = Files.readString(file).strip();
                if (token.length() < MIN_LENGTH || !token.matches("[\\x21-\\x7e]+")) {
                    throw new IllegalArgumentException("the token file " + file + " holds no usable token (at least "
                            + MIN_LENGTH + " visible characters); delete it to have a new one made");
                }
                return new Token(token, false);
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) { // not a POSIX file system
                Files.createFile(file);
            }
            String token = newToken();
            write(file, token);
            return new Token(token, true);
        } catch (FileAlreadyExistsException e) {
            return ensure(file, warnings, replaceIfExposed); // made by another process just now
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, String token) throws IOException {
        Files.writeString(file, token + "\n", StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS);
    }

    private static Set<PosixFilePermission> mode(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }
}
