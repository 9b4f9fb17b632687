package dev.docent.assistant.collection;

import dev.docent.assistant.documents.DocumentFilters;
import dev.docent.embedder.Embedder;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentQuery;
import dev.docent.indexer.catalog.DocumentStatus;
import dev.docent.retriever.DocumentMatch;
import dev.docent.retriever.DocumentMatchQuery;
import dev.docent.retriever.Hit;
import dev.docent.retriever.Relevance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every document that matches a subject and filters, not the top k: the search behind collection
 * answers and {@code /api/search?group=document}. Three steps, each exhaustive:
 * <ol>
 *   <li>the catalog's metadata (folder, type, modified time, dates in the text) narrows the
 *       indexed documents to the candidates;
 *   <li>a subject that names a kind of document ("invoices", "Rechnungen", "incident reports")
 *       keeps the candidates that ARE of that kind, by file name or title ({@link DocumentKinds}),
 *       and any proper name beside it ("invoices from Northwind") must occur in them;
 *   <li>any other subject must occur in the document: every term in one passage (BM25's analysis),
 *       or a passage whose meaning stands out from the searched documents' background
 *       ({@code retriever.BackgroundCut}), through {@code Searcher.matchDocuments} over all of them.
 * </ol>
 */
public final class CollectionSearch {

    /** One matching document and the passage to show for it (its opening when it matched on metadata alone). */
    public record Match(DocumentRecord record, Hit passage, double score) {}

    /**
     * @param matches every matching document
     * @param searched indexed documents that passed the metadata filters (all were checked)
     * @param indexed indexed documents in the collection
     * @param byText true when the matches came from the documents' text (a paraphrase within the
     *     cosine threshold, or terms that must occur), which a model may check one by one; false
     *     when metadata alone (type, time, folder, a kind named by the file name) selected them
     */
    public record Result(List<Match> matches, int searched, int indexed, boolean byText) {

        public Result(List<Match> matches, int searched, int indexed) {
            this(matches, searched, indexed, false);
        }

        /** The same search with only {@code kept} of its matches. */
        public Result keeping(List<Match> kept) {
            return new Result(List.copyOf(kept), searched, indexed, byText);
        }
    }

    private final Indexer indexer;
    private final Embedder embedder;

    public CollectionSearch(Indexer indexer, Embedder embedder) {
        this.indexer = indexer;
        this.embedder = embedder;
    }

    /** The indexed documents {@code filters} selects, by path. */
    public Predicate<String> documents(DocumentFilters filters) {
        Set<String> paths = new HashSet<>();
        for (DocumentRecord r : candidates(filters, catalogQuery(filters))) paths.add(r.path());
        return paths::contains;
    }

    /**
     * @param subject what the documents are or are about ("invoice", "incident report", "Northwind
     *     battery"), or blank for any document
     */
    public Result search(String subject, DocumentFilters filters) {
        int indexed = indexer.count(DocumentQuery.all());
        DocumentKinds.Found found = DocumentKinds.find(subject == null ? "" : subject);
        boolean freeText = found.kind() == null && subject != null && !subject.isBlank();
        if (freeText && filters.none()) {
            // Nothing narrows the catalog first: match over the whole index, then read only the
            // matched documents' rows (reading 100,000 rows first cost 230 ms of 360 at 100k).
            List<DocumentMatch> matched = match(new DocumentMatchQuery(subject, embedder.embedQuery(subject),
                    Relevance.DEFAULT_DOCUMENT_MATCH_COSINE, null, 1, true));
            List<Match> out = new ArrayList<>(matched.size());
            for (DocumentMatch m : matched) {
                indexer.document(m.path()).filter(r -> r.status() == DocumentStatus.INDEXED)
                        .ifPresent(r -> out.add(new Match(r, m.passages().isEmpty() ? null : m.passages().getFirst(), m.score())));
            }
            return new Result(List.copyOf(out), indexed, indexed, true);
        }
        List<String> required = found.rest().stream().filter(CollectionSearch::mustOccur).toList();
        DocumentMatchQuery query;
        Map<String, DocumentRecord> byPath = new HashMap<>();
        int searched;
        if (found.kind() != null) {
            // Only the rows whose path or title may name the kind are read (SQLite's GLOB over two
            // columns): reading all 100,000 rows to test their names cost ~300 ms at 100k.
            for (DocumentRecord r : ofKind(found.kind(), filters)) byPath.put(r.path(), r);
            searched = filters.none() ? indexed : count(filters);
            query = required.isEmpty() ? DocumentMatchQuery.all(byPath::containsKey)
                    : new DocumentMatchQuery(String.join(" ", required), null, 1, byPath::containsKey, 1);
        } else {
            List<DocumentRecord> candidates = candidates(filters, catalogQuery(filters));
            for (DocumentRecord r : candidates) byPath.put(r.path(), r);
            searched = candidates.size();
            query = freeText ? new DocumentMatchQuery(subject, embedder.embedQuery(subject), Relevance.DEFAULT_DOCUMENT_MATCH_COSINE,
                    byPath::containsKey, 1, true) : DocumentMatchQuery.all(byPath::containsKey);
        }
        List<DocumentMatch> matched = match(query);
        List<Match> out = new ArrayList<>(matched.size());
        for (DocumentMatch m : matched) {
            DocumentRecord r = byPath.get(m.path());
            if (r == null) continue; // indexed since the catalog was read
            out.add(new Match(r, m.passages().isEmpty() ? null : m.passages().getFirst(), m.score()));
        }
        return new Result(List.copyOf(out), searched, indexed, freeText || found.kind() != null && !required.isEmpty());
    }

    /**
     * The indexed documents of {@code kind} (by file name or title) that pass {@code filters}: the
     * catalog returns those whose path or title may name the kind ({@link DocumentKinds#nameWords}),
     * then {@link DocumentKinds#isOfKind} decides on each.
     */
    List<DocumentRecord> ofKind(DocumentKinds.Kind kind, DocumentFilters filters) {
        return candidates(filters, catalogQuery(filters).naming(DocumentKinds.nameWords(kind))).stream()
                .filter(r -> DocumentKinds.isOfKind(kind, Path.of(r.path()).getFileName().toString(), r.title())).toList();
    }

    private List<DocumentMatch> match(DocumentMatchQuery query) {
        return indexer.withIndex(index -> index.searcher().matchDocuments(query));
    }

    /**
     * A document-level search: every document matching {@code query} (as a collection answer reads
     * its subject) and {@code filters}, one page of them.
     */
    public DocumentSearchResult page(String query, DocumentFilters filters, int offset, int limit) {
        long t0 = System.nanoTime();
        Result r = search(query, filters);
        Map<String, Number> timings = new java.util.LinkedHashMap<>();
        timings.put("search_ms", (System.nanoTime() - t0) / 1_000_000);
        return DocumentSearchResult.page(query == null ? "" : query, r, filters, offset, limit, timings);
    }

    /**
     * The indexed documents that pass {@code filters}, selected by {@code q} (its SQL form: type,
     * modified time and the dates in the text, in SQLite with indexes); a folder given by name
     * ("records", not an absolute path) is then checked on each path.
     */
    private List<DocumentRecord> candidates(DocumentFilters f, DocumentQuery q) {
        List<DocumentRecord> selected = indexer.documents(q);
        if (f.folder() == null || absoluteFolder(f)) return selected;
        return selected.stream().filter(r -> DocumentSelection.inFolder(r.path(), f.folder())).toList();
    }

    /** How many indexed documents pass {@code filters}, counted in SQLite when it can. */
    private int count(DocumentFilters f) {
        return f.folder() == null || absoluteFolder(f) ? indexer.count(catalogQuery(f)) : candidates(f, catalogQuery(f)).size();
    }

    /** What of {@code f} the catalog selects by itself (all but a folder given by name). */
    private static DocumentQuery catalogQuery(DocumentFilters f) {
        return DocumentQuery.all().inFolder(absoluteFolder(f) ? f.folder() : null).ofTypes(f.types())
                .modified(f.modifiedFrom(), f.modifiedTo()).mentioning(f.mentionsFrom(), f.mentionsTo());
    }

    private static boolean absoluteFolder(DocumentFilters f) {
        return f.folder() != null && Path.of(f.folder()).isAbsolute();
    }

    /**
     * Whether a word beside a document kind must occur in the document: a name or a code ("invoices
     * from Northwind", "contracts with ACME-7"), not a verb or a general word that only restates the
     * kind ("contracts that expire", "meeting minutes"). German capitalises every noun, so there a
     * capital is a noun to find.
     */
    private static boolean mustOccur(String word) {
        return !word.isEmpty() && (Character.isUpperCase(word.codePointAt(0)) || word.chars().anyMatch(Character::isDigit));
    }
}
