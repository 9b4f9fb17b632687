package dev.docent.assistant.conversation;

import java.util.List;

/**
 * A stored conversation with its messages, oldest first.
 *
 * @param summary id, title, times
 * @param messages oldest first
 */
public record Conversation(ConversationSummary summary, List<StoredMessage> messages) {}
