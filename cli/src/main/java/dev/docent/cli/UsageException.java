package dev.docent.cli;

/** The command line was wrong; the message says how, and the command's usage is printed after it. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
