package dev.docent.assistant.collection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a question about the whole collection ("how many invoices are from 2024?", "welche Dateien
 * wurden diese Woche geändert?", "que contient le dossier contrats ?") from an ordinary question,
 * which retrieval answers from a few passages. Getting an ordinary question wrong costs a useless
 * answer, so the rule is strict: a {@link Cue} must be followed by a document noun
 * ({@link DocumentNouns}) or a file type, or stand with a folder or a change in time.
 *
 * <ul>
 *   <li>"how many / wie viele / combien de" + a document noun within three words (before any stop
 *       word): COUNT. "How many days of annual leave" counts days, not documents: ordinary. "How
 *       many are in the contracts folder?" (no noun) counts with a folder, or with a time of change.
 *   <li>"which / welche / quels / what" + a <em>plural</em> document noun: LIST. "Which insurance
 *       covers …" and "which document says …" (one document: a retrieval question) are ordinary.
 *   <li>"all / every / alle / tous les" + a document noun; "list / show me / liste / zeige /
 *       montre" + a document noun, file type or folder: LIST.
 *   <li>"what changed / was hat sich … geändert / qu'est-ce qui a changé" with nothing else but a
 *       time, a folder or plural document nouns: LIST ("What changed in the travel policy?" asks
 *       about one document's content: ordinary).
 *   <li>"what is in / was ist im / que contient" + a folder: LIST.
 *   <li>No cue, but the question starts with a plural document noun or file type and has a time or
 *       folder ("Invoices from 2024?"): LIST.
 * </ul>
 */
public final class CollectionIntent {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*");

    private final TimeExpressions times;

    public CollectionIntent(TimeExpressions times) {
        this.times = times;
    }

    /** The time expressions this intent reads questions with. */
    TimeExpressions times() {
        return times;
    }

    /** The collection query {@code question} asks, or empty for an ordinary question. */
    public Optional<CollectionQuery> classify(String question) {
        String original = Folding.nfc(question);
        String folded = Folding.fold(original);
        Optional<TimeExpressions.Hit> hit = times.locate(original);
        Optional<TimeRange> time = hit.map(h -> new TimeRange(h.from(), h.to(),
                original.substring(h.start(), h.end()), TimeExpressions.kind(original)));
        Optional<FolderPhrase> folder = FolderPhrase.find(original, folded);
        FileType type = null;
        int[] typeSpan = null;
        for (FileType t : FileType.values()) {
            Matcher m = t.pattern().matcher(folded);
            if (m.find() && (typeSpan == null || m.start() < typeSpan[0])) {
                type = t;
                typeSpan = new int[] {m.start(), m.end()};
            }
        }
        char[] rest = folded.toCharArray();
        hit.ifPresent(h -> Arrays.fill(rest, h.start(), h.end(), ' '));
        folder.ifPresent(f -> Arrays.fill(rest, f.start(), f.end(), ' '));
        if (typeSpan != null) Arrays.fill(rest, typeSpan[0], typeSpan[1], ' ');

        Question q = new Question(original, folded, rest, time, folder, type, typeSpan);
        for (Cue cue : Cue.values()) {
            Matcher m = cue.pattern().matcher(folded);
            if (m.find()) {
                Optional<CollectionQuery.Kind> kind = q.decide(cue, m);
                if (kind.isPresent()) return Optional.of(q.query(kind.get(), m.start(), m.end()));
            }
        }
        List<Token> tokens = tokens(folded, 0);
        if (!tokens.isEmpty() && (time.isPresent() || folder.isPresent())) {
            Token first = tokens.getFirst();
            boolean typeFirst = typeSpan != null && typeSpan[0] == first.start();
            if (typeFirst || DocumentNouns.isPlural(first.text())) {
                return Optional.of(q.query(CollectionQuery.Kind.LIST, 0, 0));
            }
        }
        return Optional.empty();
    }

    private record Token(int start, int end, String text) {}

    private static List<Token> tokens(String text, int from) {
        List<Token> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        m.region(from, text.length());
        while (m.find()) out.add(new Token(m.start(), m.end(), m.group()));
        return out;
    }

    /** What a noun phrase after a cue holds: a document noun (plural or not), or nothing at all. */
    private record NounPhrase(boolean document, boolean plural, boolean empty) {}

    private record Question(String original, String folded, char[] rest, Optional<TimeRange> time,
            Optional<FolderPhrase> folder, FileType type, int[] typeSpan) {

        Optional<CollectionQuery.Kind> decide(Cue cue, Matcher m) {
            NounPhrase np = nounPhrase(m.end(), cue == Cue.COUNT);
            boolean changedInTime = time.filter(t -> t.kind() == TimeRange.Kind.CHANGED).isPresent();
            boolean ok = switch (cue) {
                case WHAT_CHANGED -> subjectWords(m.start(), m.end()).stream().allMatch(w -> DocumentNouns.isPlural(
                        Folding.fold(w)));
                case FOLDER_CONTENTS -> folder.isPresent();
                case COUNT -> np.document() || (np.empty() && (folder.isPresent() || changedInTime));
                case LIST -> np.document() || type != null || folder.isPresent();
                case WHICH -> np.document() && np.plural();
                case ALL -> np.document() && (np.plural() || m.group().startsWith("every") || m.group().startsWith("jede"));
            };
            if (!ok) return Optional.empty();
            return Optional.of(cue == Cue.COUNT ? CollectionQuery.Kind.COUNT : CollectionQuery.Kind.LIST);
        }

        /** Up to three words after the cue, until a stop word: is there a document noun or a file type? */
        NounPhrase nounPhrase(int from, boolean counting) {
            List<Token> tokens = tokens(folded, from);
            if (tokens.isEmpty() || StopWords.contains(tokens.getFirst().text())) return new NounPhrase(false, false, true);
            for (int i = 0; i < Math.min(3, tokens.size()); i++) {
                Token t = tokens.get(i);
                if (StopWords.contains(t.text())) break;
                if (typeSpan != null && typeSpan[0] == t.start()) return new NounPhrase(true, true, false);
                // "how many minutes" asks a duration; "all minutes", "the board minutes" are documents
                if (counting && i == 0 && t.text().equals("minutes")) continue;
                if (DocumentNouns.isDocument(t.text())) {
                    return new NounPhrase(true, DocumentNouns.isPlural(t.text()), false);
                }
            }
            return new NounPhrase(false, false, false);
        }

        /** The words left once the cue, time, folder, type, stop words and change words are gone, singular. */
        List<String> subjectWords(int cueStart, int cueEnd) {
            char[] left = rest.clone();
            Arrays.fill(left, cueStart, cueEnd, ' ');
            List<String> words = new ArrayList<>();
            for (Token t : tokens(new String(left), 0)) {
                String f = t.text();
                if (f.length() < 2 || StopWords.contains(f) || DocumentNouns.isGeneric(f) || TimeExpressions.isChangeWord(f)) {
                    continue;
                }
                words.add(DocumentNouns.singular(original.substring(t.start(), t.end())));
            }
            return words;
        }

        CollectionQuery query(CollectionQuery.Kind kind, int cueStart, int cueEnd) {
            return new CollectionQuery(kind, String.join(" ", subjectWords(cueStart, cueEnd)),
                    folder.map(FolderPhrase::name), Optional.ofNullable(type), time);
        }
    }
}
