package dev.docent.assistant.collection;

import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.Citation;
import dev.docent.assistant.answer.Coverage;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.documents.CollectionDocument;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.catalog.DocumentQuery;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.retriever.Hit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Summarise employee-handbook.pdf", "Fasse travel-policy.docx zusammen", "Résume le guide
 * d'accueil": a whole document, not five passages. Without a language model the answer is an
 * extractive outline, one line per section in the document's order: its heading and the first
 * sentence under it, each cited, so it covers the whole document and every line can be checked.
 * The document is named by its file name (with or without extension) or its title; a name that
 * fits no catalogued document, or several, leaves the question to ordinary retrieval.
 */
final class DocumentOutlines {

    /** Sections the outline lists at most (a long manual keeps its first ones; the note says so). */
    static final int MAX_SECTIONS = 30;

    private static final Pattern ASK = Pattern.compile("^(?:please\\s+)?(?:"
            + "summari[sz]e|give (?:me )?an? (?:summary|overview|outline) of|(?:a |an )?(?:summary|overview|outline) of"
            + "|fasse|fass|zusammenfassung (?:von|des|der)|gib mir eine zusammenfassung (?:von|des|der)"
            + "|resume|resumer|resumez|resume de|resume du|un resume de|un resume du)\\s+(.+?)(?:\\s+zusammen)?\\s*[?.!]?$");
    private static final Pattern ARTICLE = Pattern.compile("^(?:the|this|das|die|den|der|le|la|les|l')\\s*");
    private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.{20,240}?[.!?])(?:\\s|$)", Pattern.DOTALL);

    private final Indexer indexer;

    DocumentOutlines(Indexer indexer) {
        this.indexer = indexer;
    }

    /** The outline answer when {@code q} asks to summarise one catalogued document. */
    Optional<Answer> answer(Question q, Map<String, Number> timings) {
        return named(q).map(doc -> outline(q, doc, timings));
    }

    /** The one catalogued document {@code q} asks to summarise, if it asks that and names exactly one. */
    Optional<DocumentRecord> named(Question q) {
        String folded = Folding.fold(q.text().strip());
        Matcher m = ASK.matcher(folded);
        if (!m.matches()) return Optional.empty();
        String name = ARTICLE.matcher(m.group(1).replaceAll("[\"'`«»“”]", "").strip()).replaceFirst("").strip();
        if (name.isEmpty()) return Optional.empty();
        List<DocumentRecord> named = new ArrayList<>();
        for (DocumentRecord r : indexer.documents(DocumentQuery.all())) {
            if (names(r, name)) named.add(r);
        }
        return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
    }

    /** {@code doc}'s outline: one line per section, heading and first sentence, each cited. */
    Answer outline(Question q, DocumentRecord doc, Map<String, Number> timings) {
        long t0 = System.nanoTime();
        List<Hit> chunks = indexer.withIndex(index -> index.chunksOf(doc.path()));
        List<Citation> citations = new ArrayList<>();
        StringBuilder text = new StringBuilder("Outline of ").append(fileName(doc.path()));
        if (doc.pages() > 0) text.append(" (").append(doc.pages()).append(doc.pages() == 1 ? " page" : " pages").append(')');
        text.append(", section by section:");
        String lastHeading = null;
        int sections = 0;
        for (Hit h : chunks) {
            String heading = h.heading() == null ? "" : h.heading().strip();
            if (heading.equals(lastHeading)) continue; // one line per section: its first chunk
            lastHeading = heading;
            if (sections == MAX_SECTIONS) break;
            sections++;
            Citation c = Citation.of(citations.size() + 1, h, q);
            citations.add(c);
            text.append("\n- ").append(heading.isEmpty() ? "" : heading + ": ").append(firstSentence(h.text()))
                    .append(" [").append(c.id()).append(']');
        }
        List<String> notes = new ArrayList<>();
        notes.add("an outline quoted from the document (headings and the first sentence of each section); no language model wrote it");
        if (sections == MAX_SECTIONS) notes.add("the first " + MAX_SECTIONS + " sections are listed");
        timings.put("outline_ms", (System.nanoTime() - t0) / 1_000_000);
        Hit first = chunks.isEmpty() ? null : chunks.getFirst();
        CollectionDocument listed = CollectionAnswers.document(new CollectionSearch.Match(doc, first, 1.0),
                citations.isEmpty() ? null : citations.getFirst());
        return new Answer(text.toString(), "extractive", citations, null, timings, notes, !chunks.isEmpty(),
                chunks.isEmpty() ? 0 : 1.0, Answer.DOCUMENT, List.of(listed), new Coverage(1, 1, 1, ""));
    }

    /** Whether {@code name} (folded) is this document's file name, with or without extension, or its title. */
    private static boolean names(DocumentRecord r, String name) {
        String file = Folding.fold(fileName(r.path()));
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String title = r.title() == null ? "" : Folding.fold(r.title().strip());
        return file.equals(name) || stem.equals(name) || stem.replace('-', ' ').equals(name) || title.equals(name);
    }

    private static String firstSentence(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        Matcher m = FIRST_SENTENCE.matcher(t);
        if (m.find()) return m.group(1);
        return t.length() <= 240 ? t : t.substring(0, 240).strip() + "…";
    }

    private static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }
}
