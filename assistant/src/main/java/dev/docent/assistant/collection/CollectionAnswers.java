package dev.docent.assistant.collection;

import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.Checked;
import dev.docent.assistant.answer.Citation;
import dev.docent.assistant.answer.Coverage;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.documents.CollectionDocument;
import dev.docent.assistant.documents.DocumentFilters;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.retriever.Hit;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text, documents and citations of a collection answer, without a language model: the count
 * first ("7 invoices from 2024, out of 54 documents searched"), then the documents, the first
 * {@value #CITED} with a citation each. Every matching document is in {@code documents}; the text
 * lists the first {@value #LISTED} and says how many more there are.
 */
final class CollectionAnswers {

    /** Documents the text lists one by one. */
    static final int LISTED = 50;
    /** Documents that get a numbered citation (the answer's [n] markers). */
    static final int CITED = 20;
    /** Length of the snippet of a document past the first {@value #LISTED}: its passage's opening. */
    static final int OPENING_CHARS = 420;

    private CollectionAnswers() {}

    /**
     * A collection answer's pieces: {@code header} states the count and coverage ("7 invoices from
     * 2024, out of 54 documents searched:"), {@code list} numbers the documents (each line starting
     * with a newline), the first {@value #CITED} cited as [1]..[n] in that order.
     */
    record Parts(String header, String list, List<Citation> citations, List<CollectionDocument> documents,
            Coverage coverage, List<String> notes) {

        int count() {
            return documents.size();
        }
    }

    static Answer compose(Question q, CollectionQuery cq, CollectionSearch.Result r, DocumentFilters filters,
            Map<String, Number> timings) {
        Parts p = parts(q, cq, r, filters);
        return answer(p, p.header() + p.list(), "extractive", null, timings, List.of(), null);
    }

    /** The answer made of {@code p} with {@code text}, {@code extraNotes} after the pieces' own notes. */
    static Answer answer(Parts p, String text, String mode, String model, Map<String, Number> timings,
            List<String> extraNotes, Checked checked) {
        List<String> notes = new ArrayList<>(p.notes());
        notes.addAll(extraNotes);
        int n = p.count();
        return new Answer(text, mode, p.citations(), model, timings, notes, n > 0, n > 0 ? 1.0 : 0.0,
                Answer.COLLECTION, p.documents(), p.coverage(), checked);
    }

    static Parts parts(Question q, CollectionQuery cq, CollectionSearch.Result r, DocumentFilters filters) {
        boolean byChange = cq.time().map(t -> t.kind() == TimeRange.Kind.CHANGED).orElse(false);
        // Changes newest first; anything else in file-name order, which groups series (invoice-2024-02, -03 …).
        List<CollectionSearch.Match> matches = byChange
                ? r.matches().stream().sorted(Comparator.comparing((CollectionSearch.Match m) -> m.record().modified()).reversed()).toList()
                : byFileName(r.matches());
        int n = matches.size();
        StringBuilder header = new StringBuilder();
        header.append(n).append(' ').append(noun(q.text(), cq, n));
        cq.time().ifPresent(t -> header.append(' ').append(t.matched().strip()));
        cq.folder().ifPresent(f -> header.append(" in ").append(f));
        header.append(n == 0 ? " were found" : "").append(", out of ").append(String.format(Locale.ROOT, "%,d", r.indexed()))
                .append(r.indexed() == 1 ? " document searched" : " documents searched").append(n == 0 ? "." : ":");
        StringBuilder text = new StringBuilder();
        List<Citation> citations = new ArrayList<>();
        List<CollectionDocument> documents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CollectionSearch.Match m = matches.get(i);
            // The sentence that best fits the question for the documents listed in the text; the
            // rest (thousands, at 100,000 documents) show their passage's opening (docs/benchmarks.md).
            Citation c = m.passage() == null || i >= LISTED ? null : Citation.of(i + 1, m.passage(), q);
            if (c != null && i < CITED) citations.add(c);
            documents.add(c != null || m.passage() == null ? document(m, c) : document(m, opening(m.passage().text()), null));
            if (i < LISTED) {
                DocumentRecord d = m.record();
                text.append("\n").append(i + 1).append(". ").append(title(d));
                if (!title(d).equals(fileName(d.path()))) text.append(" (").append(fileName(d.path())).append(')');
                if (byChange) text.append(", changed ").append(LocalDate.ofInstant(d.modified(), ZoneOffset.systemDefault()));
                if (c != null && i < CITED) text.append(" [").append(i + 1).append(']');
            }
        }
        if (n > LISTED) text.append("\n… and ").append(n - LISTED).append(" more: every one is in the documents list.");
        List<String> notes = new ArrayList<>();
        if (!filters.none()) notes.add("searched only " + filters.describe());
        var coverage = new Coverage(n, r.searched(), r.indexed(), filters.describe());
        return new Parts(header.toString(), text.toString(), List.copyOf(citations), List.copyOf(documents), coverage,
                List.copyOf(notes));
    }

    private record Keyed(String key, CollectionSearch.Match match) {}

    /**
     * {@code matches} in file-name order, case ignored, ties in their order. Each key is made once:
     * made in the comparator (a Path and a lower-case copy per comparison) it cost ~15 ms of a list
     * of 8,000 at 100,000 documents.
     */
    static List<CollectionSearch.Match> byFileName(List<CollectionSearch.Match> matches) {
        List<Keyed> keyed = new ArrayList<>(matches.size());
        for (CollectionSearch.Match m : matches) keyed.add(new Keyed(fileName(m.record().path()).toLowerCase(Locale.ROOT), m));
        keyed.sort(Comparator.comparing(Keyed::key));
        return keyed.stream().map(Keyed::match).toList();
    }

    /** The question's own word for what it counts ("invoices", "Rechnungen"), or "documents". */
    static String noun(String question, CollectionQuery cq, int n) {
        List<String> subject = List.of(cq.subject().strip().split("\\s+"));
        String plural = null;
        for (String token : question.split("[^\\p{L}\\p{N}-]+")) {
            if (token.isEmpty()) continue;
            String singular = Folding.fold(DocumentNouns.singular(token));
            for (String s : subject) {
                if (!s.isEmpty() && Folding.fold(s).equals(singular) && DocumentNouns.isDocument(Folding.fold(token))) {
                    plural = token;
                }
            }
        }
        if (plural == null) {
            String kind = cq.fileType().map(t -> switch (t) {
                case PDF -> "PDF file";
                case WORD -> "Word document";
                case SPREADSHEET -> "spreadsheet";
                case PRESENTATION -> "presentation";
                case TEXT -> "text file";
            }).orElse("document");
            return n == 1 ? kind : kind + "s";
        }
        if (n == 1) return DocumentNouns.singular(plural);
        // "incident reports": the words before the counted noun that the subject also has
        String lead = leadingWords(question, plural, subject);
        return (lead.isEmpty() ? "" : lead + " ") + plural;
    }

    private static String leadingWords(String question, String noun, List<String> subject) {
        String[] tokens = question.split("[^\\p{L}\\p{N}-]+");
        List<String> before = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            if (!tokens[i].equals(noun)) continue;
            for (int j = i - 1; j >= 0; j--) {
                String t = tokens[j];
                if (subject.stream().noneMatch(s -> Folding.fold(s).equals(Folding.fold(t)))) break;
                before.addFirst(t);
            }
            break;
        }
        return String.join(" ", before);
    }

    static CollectionDocument document(CollectionSearch.Match m, Citation c) {
        return document(m, c == null ? "" : c.snippet(), c == null ? null : c.page());
    }

    private static CollectionDocument document(CollectionSearch.Match m, String snippet, Integer page) {
        DocumentRecord d = m.record();
        Hit h = m.passage();
        if (page == null && h != null && h.page() != 0) page = h.page();
        return new CollectionDocument(d.path(), title(d), DocumentSelection.folderName(d.path()), d.type(),
                d.size(), d.modified().toString(), d.pages(), snippet, page,
                h == null ? 0 : h.startOffset(), h == null ? 0 : h.endOffset(), Math.round(m.score() * 1000) / 1000.0);
    }

    /** A passage's first {@value #OPENING_CHARS} characters, cut at a space. */
    static String opening(String passage) {
        String p = passage.strip();
        if (p.length() <= OPENING_CHARS) return p;
        int cut = p.lastIndexOf(' ', OPENING_CHARS);
        return p.substring(0, cut > OPENING_CHARS / 2 ? cut : OPENING_CHARS) + "\u2026";
    }

    private static String title(DocumentRecord d) {
        return d.title() == null || d.title().isBlank() ? fileName(d.path()) : d.title().strip();
    }

    private static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }
}
