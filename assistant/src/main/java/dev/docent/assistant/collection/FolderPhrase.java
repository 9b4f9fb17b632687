package dev.docent.assistant.collection;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder named in a question: "in the contracts folder", "in the folder Contracts", "im Ordner
 * Verträge", "im Verträge-Ordner", "dans le dossier contrats". The name is one word, or several
 * in quotes, and is returned as written (the indices of folded text point into the original).
 */
record FolderPhrase(int start, int end, String name) {

    private static final String NAME = "(?:[\"'„“«] ?(?<q>[^\"'“”»]+?) ?[\"'“”»]|(?!(?:the|my|our|this|a|le|la|les|der|die|das|dem|den)\\b)(?<n>[\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*))";

    private static final List<Pattern> PATTERNS = List.of(
            compile("(?:in|from|inside|of) (?:the |my |our )?folder (?:called |named )?" + NAME),
            compile("(?:in|from|inside|of) (?:the |my |our )?" + NAME + " folder"),
            compile("(?:im|in dem|in den|aus dem|vom|der|den|dem) ordner (?:namens )?" + NAME),
            compile("(?:im|aus dem|vom) (?<n2>[\\p{L}\\p{N}_]+)-ordner"),
            compile("(?:dans|du|le) (?:le )?dossier (?:nomme |appele |des |de |d')?" + NAME));

    private static Pattern compile(String folded) {
        return Pattern.compile("(?<![\\w'-])" + folded + "(?![\\w'-])", Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** The first folder phrase in {@code folded}, its name taken from {@code original} (same length). */
    static Optional<FolderPhrase> find(String original, String folded) {
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(folded);
            if (m.find()) {
                String group = p.pattern().contains("?<n2>") ? "n2" : m.group("q") != null ? "q" : "n";
                return Optional.of(new FolderPhrase(m.start(), m.end(), original.substring(m.start(group), m.end(group))));
            }
        }
        return Optional.empty();
    }
}
