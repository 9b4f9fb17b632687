package dev.docent.assistant.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a generated answer to its sources: every [n] must name a source the model was given.
 * Markers naming a source that does not exist are replaced by [?] and reported, so they are never
 * shown as real citations.
 */
public final class CitationCheck {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+(?:\\s*,\\s*\\d+)*)\\]");

    /**
     * @param answer the answer with invalid markers replaced
     * @param cited valid source numbers the answer cites, ascending
     * @param notes what was corrected, for the user
     */
    public record Result(String answer, List<Integer> cited, List<String> notes) {}

    private CitationCheck() {}

    public static Result check(String answer, int sources) {
        TreeSet<Integer> cited = new TreeSet<>();
        TreeSet<Integer> invalid = new TreeSet<>();
        Matcher m = MARKER.matcher(answer);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> kept = new ArrayList<>();
            for (String part : m.group(1).split(",")) {
                int n = Integer.parseInt(part.strip());
                if (n >= 1 && n <= sources) {
                    cited.add(n);
                    kept.add(String.valueOf(n));
                } else {
                    invalid.add(n);
                }
            }
            String replacement = kept.isEmpty() ? "[?]" : "[" + String.join(", ", kept) + "]";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        List<String> notes = new ArrayList<>();
        if (!invalid.isEmpty()) {
            notes.add("removed citation" + (invalid.size() > 1 ? "s " : " ") + invalid
                    + ": the model was given only " + sources + " source" + (sources == 1 ? "" : "s"));
        }
        if (cited.isEmpty() && sources > 0) {
            notes.add("the answer cites no source; check it against the passages before relying on it");
        }
        return new Result(out.toString(), List.copyOf(cited), notes);
    }
}
