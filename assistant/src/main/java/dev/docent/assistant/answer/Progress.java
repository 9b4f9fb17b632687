package dev.docent.assistant.answer;

/**
 * How far an answer that works in steps has got ("checking 3 of 12 documents…"), streamed to the
 * client as an SSE {@code progress} event between the answer's tokens, in the order it happens.
 *
 * @param stage what is being done: {@code "check"} (the model checks candidates one by one),
 *     {@code "summarise"} (parts of a document), {@code "compose"} (the answer from the survivors)
 * @param done steps finished in this stage
 * @param total steps this stage has (0 when unknown or a single step)
 * @param message the same in words, for the page
 */
public record Progress(String stage, int done, int total, String message) {

    public static final String CHECK = "check";
    public static final String SUMMARISE = "summarise";
    public static final String COMPOSE = "compose";
}
