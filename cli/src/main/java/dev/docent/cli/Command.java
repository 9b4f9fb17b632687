package dev.docent.cli;

/** One subcommand of {@code docent}: its usage text and its run, which returns the exit code. */
public interface Command {
    String usage();

    int run(String[] args);
}
