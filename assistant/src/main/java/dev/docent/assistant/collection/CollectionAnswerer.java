package dev.docent.assistant.collection;

import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.CollectionQuestions;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.documents.DocumentFilters;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.catalog.DocumentRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Answers questions about the whole collection: {@link CollectionIntent} recognises them, their
 * words become filters (file type, folder, a time of change or of the text's dates) on top of
 * the request's own, {@link CollectionSearch} finds every matching document, and
 * {@link CollectionAnswers} states the count and lists them; "summarise FILE" gets the document's
 * outline ({@link DocumentOutlines}). Anything else is left to retrieval.
 */
public final class CollectionAnswerer implements CollectionQuestions {

    private final CollectionIntent intent;
    private final CollectionSearch search;
    private final DocumentOutlines outlines;
    private final NamedDocuments named;
    private final ZoneId zone;

    public CollectionAnswerer(CollectionIntent intent, CollectionSearch search, Indexer indexer, ZoneId zone) {
        this.intent = intent;
        this.search = search;
        this.outlines = new DocumentOutlines(indexer);
        this.named = new NamedDocuments(intent.times(), search, zone);
        this.zone = zone;
    }

    @Override
    public Optional<Answer> answer(Question q, Map<String, Number> timings) {
        Optional<Answer> outline = outlines.answer(q, timings); // "summarise employee-handbook.pdf"
        if (outline.isPresent()) return outline;
        Optional<CollectionQuery> recognised = intent.classify(q.text());
        if (recognised.isEmpty()) return Optional.empty();
        CollectionQuery cq = recognised.get();
        long t0 = System.nanoTime();
        DocumentFilters filters = q.filters().and(filtersOf(cq));
        CollectionSearch.Result r = search.search(cq.subject(), filters);
        timings.put("collection_ms", (System.nanoTime() - t0) / 1_000_000);
        return Optional.of(CollectionAnswers.compose(q, cq, r, filters, timings));
    }

    @Override
    public Optional<Scope> scope(Question q) {
        return named.find(q.text(), q.filters()).map(n -> {
            Set<String> paths = n.documents().stream().map(DocumentRecord::path).collect(Collectors.toSet());
            return new Scope(paths::contains, paths.size(), n.description());
        });
    }

    @Override
    public Predicate<String> documents(DocumentFilters filters) {
        return search.documents(filters);
    }

    /** The filters a collection question's own words set: its file type, folder and time. */
    DocumentFilters filtersOf(CollectionQuery cq) {
        DocumentFilters f = DocumentFilters.NONE;
        if (cq.folder().isPresent()) f = f.withFolder(cq.folder().get());
        if (cq.fileType().isPresent()) f = f.withTypes(Set.copyOf(cq.fileType().get().extensions()));
        if (cq.time().isPresent()) {
            TimeRange t = cq.time().get();
            Instant from = t.from().equals(Instant.MIN) ? null : t.from();
            Instant to = t.to().equals(Instant.MAX) ? null : t.to();
            if (t.kind() == TimeRange.Kind.CHANGED) {
                f = f.withModified(from, to);
            } else {
                f = f.withMentions(from == null ? null : day(from), to == null ? null : day(to));
            }
        }
        return f;
    }

    private LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, zone);
    }
}
