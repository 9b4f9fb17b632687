package dev.docent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The access token of {@code serve --listen ADDR --token-file FILE}: read from FILE, or made on
 * first use (256 random bits), written there readable by the owner only, and printed once.
 */
final class AccessToken {

    private AccessToken() {}

    static String load(Path file, PrintStream out) {
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file).strip();
                if (token.length() < 16) {
                    throw new UsageException("the token file " + file + " holds no usable token (at least 16 characters); "
                            + "delete it to have a new one made");
                }
                return token;
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) { // not a POSIX file system
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            out.println("New access token (shown only now; kept in " + file + "): " + token);
            return token;
        } catch (FileAlreadyExistsException e) {
            return load(file, out); // made by another process just now
        } catch (IOException e) {
            throw new UsageException("cannot read or create the token file " + file + ": " + e.getMessage());
        }
    }
}
