package dev.docent.cli;

import dev.docent.web.api.TokenFile;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The access token of {@code serve --listen ADDR --token-file FILE}: read from FILE, or made on
 * first use (256 random bits), written there readable by the owner only, and printed once. A FILE
 * others could read is made private again, with a warning on stderr ({@link TokenFile}).
 */
final class AccessToken {

    private AccessToken() {}

    static String load(Path file, PrintStream out) {
        try {
            TokenFile.Token token = TokenFile.ensure(file, System.err, false);
            if (token.made()) out.println("New access token (shown only now; kept in " + file + "): " + token.value());
            return token.value();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
