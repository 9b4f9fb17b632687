package dev.docent.assistant.conversation;

import dev.docent.assistant.answer.Citation;
import java.time.Instant;
import java.util.List;

/**
 * One message of a stored conversation. The answer's details are null on the user's messages.
 *
 * @param role "user" or "assistant"
 * @param content the question, or the answer's text with its [n] markers
 * @param createdAt when it was stored
 * @param answerId the answer's id (as in X-Answer-Id)
 * @param mode "generative" or "extractive"
 * @param model the model that wrote the answer, or null
 * @param citations the sources the answer cites
 * @param notes what the user was told about the answer
 */
public record StoredMessage(String role, String content, Instant createdAt, String answerId, String mode, String model,
        List<Citation> citations, List<String> notes) {}
