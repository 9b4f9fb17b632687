package dev.docent.assistant.answer;

import dev.docent.assistant.documents.DocumentFilters;
import java.util.List;

/**
 * What to answer: a question, the conversation before it (oldest turn first; empty for a question
 * on its own), and how many passages to retrieve. Adapters (HTTP, CLI, MCP, the OpenAI-style API)
 * build one from their own request format; limits are checked here once for all of them.
 *
 * @param text the question, not blank
 * @param history earlier turns, oldest first, at most {@value #MAX_HISTORY_TURNS}
 * @param topK passages to retrieve, at least 1
 * @param filters the documents to answer from, by metadata ({@link DocumentFilters#NONE}: all)
 */
public record Question(String text, List<Turn> history, int topK, DocumentFilters filters) {

    /** Most earlier turns one question may carry (only the latest few are used; this bounds the work). */
    public static final int MAX_HISTORY_TURNS = 40;

    public Question {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("the question is empty");
        history = List.copyOf(history);
        if (history.size() > MAX_HISTORY_TURNS) {
            throw new IllegalArgumentException("the history has " + history.size() + " turns; at most "
                    + MAX_HISTORY_TURNS + " are accepted");
        }
        if (topK < 1) throw new IllegalArgumentException("topK must be at least 1, got " + topK);
        if (filters == null) filters = DocumentFilters.NONE;
    }

    /** A question over every document. */
    public Question(String text, List<Turn> history, int topK) {
        this(text, history, topK, DocumentFilters.NONE);
    }

    /** This question about the documents {@code f} selects. */
    public Question withFilters(DocumentFilters f) {
        return new Question(text, history, topK, f);
    }

    public static Question of(String text, int topK) {
        return new Question(text, List.of(), topK);
    }

    /** The user's earlier questions, newest first. */
    public List<String> earlierQuestions() {
        return history.reversed().stream().filter(Turn::fromUser).map(Turn::content).toList();
    }
}
