package dev.docent.assistant.conversation;

import java.time.Instant;

/**
 * A conversation as listed.
 *
 * @param id opaque id
 * @param title set by the user, else the first question
 * @param createdAt when it was created
 * @param updatedAt when it last changed (a turn added, a rename)
 * @param messages questions plus answers stored so far
 */
public record ConversationSummary(String id, String title, Instant createdAt, Instant updatedAt, int messages) {}
