package dev.docent.assistant.collection;

import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.AnswerRun;
import dev.docent.assistant.answer.Checked;
import dev.docent.assistant.answer.CollectionQuestions;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.documents.DocumentFilters;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.catalog.DocumentRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>With a language model: candidates that matched by their text are checked by it one by one
 * ({@link CandidateCheck}, map) and a few sentences are written from the kept ones above the list
 * ({@link CollectionComposer}, reduce); "summarise FILE" is a model-written summary of the whole
 * document ({@link DocumentSummaries}, cached). Without one, the list and the outline are the answer.
 */
public final class CollectionAnswerer implements CollectionQuestions {

    /**
     * Bounds on the model's work for one collection answer.
     *
     * @param checkDocuments candidates the model checks at most ({@code ask.collection_check_documents}); the rest are kept
     * @param budgetSeconds time for the check, or for a summary's parts ({@code ask.collection_model_seconds})
     */
    public record ModelLimits(int checkDocuments, int budgetSeconds) {

        public static final ModelLimits DEFAULT = new ModelLimits(50, 120);

        public ModelLimits {
            if (checkDocuments < 0) throw new IllegalArgumentException("ask.collection_check_documents must be >= 0, got " + checkDocuments);
            if (budgetSeconds < 1) throw new IllegalArgumentException("ask.collection_model_seconds must be >= 1, got " + budgetSeconds);
        }
    }

    private final CollectionIntent intent;
    private final CollectionSearch search;
    private final DocumentOutlines outlines;
    private final DocumentSummaries summaries;
    private final DocumentBriefs briefs;
    private final ModelLimits limits;
    private final NamedDocuments named;
    private final ZoneId zone;

    /** Without a summary cache (summaries are written again each time) and with the default limits. */
    public CollectionAnswerer(CollectionIntent intent, CollectionSearch search, Indexer indexer, ZoneId zone) {
        this(intent, search, indexer, zone, null, ModelLimits.DEFAULT);
    }

    /** @param summaryCache where model-written summaries are kept ({@code DATA/cache/summaries}), or null for nowhere */
    public CollectionAnswerer(CollectionIntent intent, CollectionSearch search, Indexer indexer, ZoneId zone,
            java.nio.file.Path summaryCache, ModelLimits limits) {
        this.intent = intent;
        this.search = search;
        this.outlines = new DocumentOutlines(indexer);
        this.limits = limits;
        SummaryCache cache = summaryCache == null ? SummaryCache.NONE : new SummaryCache(summaryCache);
        this.summaries = new DocumentSummaries(indexer, cache, limits.budgetSeconds() * 1_000_000_000L);
        this.briefs = new DocumentBriefs(indexer, cache, limits.budgetSeconds() * 1_000_000_000L);
        this.named = new NamedDocuments(intent.times(), search, zone);
        this.zone = zone;
    }

    @Override
    public Optional<Answer> answer(Question q, Map<String, Number> timings, AnswerRun run) {
        if (!run.hasModel()) return CollectionQuestions.super.answer(q, timings, run);
        Optional<DocumentRecord> named = outlines.named(q); // "summarise employee-handbook.pdf"
        if (named.isPresent()) {
            Optional<Answer> summary = summaries.answer(q, named.get(), run, timings);
            if (summary.isPresent()) return summary;
            Answer outline = outlines.outline(q, named.get(), timings);
            run.onToken().accept(outline.answer());
            return Optional.of(outline);
        }
        Optional<CollectionQuery> recognised = intent.classify(q.text());
        if (recognised.isEmpty()) return Optional.empty();
        CollectionQuery cq = recognised.get();
        long t0 = System.nanoTime();
        DocumentFilters filters = q.filters().and(filtersOf(cq));
        CollectionSearch.Result r = search.search(cq.subject(), filters);
        timings.put("collection_ms", (System.nanoTime() - t0) / 1_000_000);
        List<String> notes = List.of();
        Checked checked = null;
        if (r.byText() && !r.matches().isEmpty() && limits.checkDocuments() > 0) {
            // Matched by meaning or by words: the model decides document by document (metadata needs no check).
            CandidateCheck.Outcome o = CandidateCheck.check(q.text(), r.matches(), run, limits.checkDocuments(),
                    limits.budgetSeconds() * 1_000_000_000L, timings);
            r = r.keeping(o.kept());
            notes = o.notes();
            checked = o.checked();
        }
        CollectionAnswers.Parts parts = CollectionAnswers.parts(q, cq, r, filters);
        if (parts.count() == 0 || run.cancelled().getAsBoolean()) {
            String text = parts.header() + parts.list();
            run.onToken().accept(text);
            return Optional.of(CollectionAnswers.answer(parts, text, "extractive", null, timings, notes, checked));
        }
        Map<Integer, String> described = Map.of();
        if (cq.folder().isPresent() && !r.byText()) {
            // "What is in the contracts folder?": describe each document (map), then compose from that (reduce).
            DocumentBriefs.Outcome o = briefs.describe(parts, run, timings);
            described = o.texts();
            notes = new ArrayList<>(notes);
            notes.addAll(o.notes());
        }
        return Optional.of(CollectionComposer.compose(q.text(), parts, run, timings, notes, checked, described));
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
