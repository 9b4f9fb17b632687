package dev.docent.mcp;

import dev.docent.assistant.answer.Question;
import dev.docent.assistant.answer.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads tool arguments, refusing bad ones with a message the calling model can act on. */
final class Args {

    private Args() {}

    static String text(Map<String, Object> args, String name, int maxChars) {
        String s = optionalText(args, name);
        if (s == null) throw new IllegalArgumentException("the argument '" + name + "' is required");
        if (s.length() > maxChars) {
            throw new IllegalArgumentException("'" + name + "' has " + s.length() + " characters; at most " + maxChars + " are accepted");
        }
        return s;
    }

    static String optionalText(Map<String, Object> args, String name) {
        Object v = args.get(name);
        if (v == null) return null;
        if (!(v instanceof String s)) throw new IllegalArgumentException("'" + name + "' must be a string");
        return s.isBlank() ? null : s.strip();
    }

    static int integer(Map<String, Object> args, String name, int dflt, int min, int max) {
        Integer v = optionalInteger(args, name, min, max);
        return v == null ? dflt : v;
    }

    static Integer optionalInteger(Map<String, Object> args, String name, int min, int max) {
        Object v = args.get(name);
        if (v == null) return null;
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number");
        }
        if (n.longValue() < min || n.longValue() > max) {
            throw new IllegalArgumentException("'" + name + "' must be between " + min + " and " + max + "; got " + n);
        }
        return n.intValue();
    }

    /** {@code [{"role": "user"|"assistant", "content": "..."}, ...]}, oldest first; the latest turns are kept. */
    static List<Turn> history(Object v) {
        if (v == null) return List.of();
        if (!(v instanceof List<?> list)) throw new IllegalArgumentException("'history' must be a list of {role, content}");
        List<Turn> turns = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("role") instanceof String role) || !(m.get("content") instanceof String content)) {
                throw new IllegalArgumentException("each history entry must be {\"role\": \"user\" or \"assistant\", \"content\": text}");
            }
            turns.add(new Turn(role, content.length() > Turn.MAX_CHARS ? content.substring(0, Turn.MAX_CHARS) : content));
        }
        return List.copyOf(turns.subList(Math.max(0, turns.size() - Question.MAX_HISTORY_TURNS), turns.size()));
    }
}
