package dev.docent.assistant.answer;

/**
 * One earlier turn of a conversation, as chat APIs send it.
 *
 * @param role {@value #USER} or {@value #ASSISTANT}
 * @param content what was said
 */
public record Turn(String role, String content) {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    /** Longest turn accepted, in characters (an answer quoting several passages fits easily). */
    public static final int MAX_CHARS = 16_000;

    public Turn {
        if (!USER.equals(role) && !ASSISTANT.equals(role)) {
            throw new IllegalArgumentException("a turn's role must be \"user\" or \"assistant\", got " + role);
        }
        if (content == null) throw new IllegalArgumentException("a turn needs its content");
    }

    public boolean fromUser() {
        return USER.equals(role);
    }
}
