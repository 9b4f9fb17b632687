/**
 * The command line: {@code serve}, {@code index}, {@code ask}, {@code eval}. Each command parses
 * its own flags with {@link dev.docent.cli.Args}, prints {@code --help}, and reports a usage
 * error with exit code 2 and a failure with exit code 1, in a sentence that says what to do.
 */
package dev.docent.cli;
