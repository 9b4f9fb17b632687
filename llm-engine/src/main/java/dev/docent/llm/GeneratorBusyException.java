package dev.docent.llm;

/** The generator's queue is full; the caller should retry after a short wait. */
public final class GeneratorBusyException extends RuntimeException {

    public GeneratorBusyException(String message) {
        super(message);
    }
}
