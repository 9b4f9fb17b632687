package dev.docent.llm;

/**
 * One turn of a conversation given to a chat model.
 *
 * @param role "system", "user" or "assistant"
 * @param content the text
 */
public record ChatMessage(String role, String content) {}
