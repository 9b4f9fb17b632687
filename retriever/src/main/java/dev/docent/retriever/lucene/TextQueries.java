package dev.docent.retriever.lucene;

import dev.docent.retriever.TextScoring;
import dev.docent.retriever.analysis.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds a BM25 query from free text. Users type questions, not query syntax, so the text is
 * analysed and each distinct term becomes an optional clause: no parse errors, no operators.
 */
public final class TextQueries {

    /**
     * Lucene's default clause limit is 1024 and a term may take 3 clauses; longer questions are cut
     * (the budget is shared among the languages a query is analysed for).
     */
    static final int MAX_TERMS = 300;

    private TextQueries() {}

    /**
     * Each term in the flat field (title + heading + text), plus, where a boost is set, the same
     * term in the title or heading field with that weight; once per language, the text analysed by
     * that language's analyzer against that language's fields. A chunk lives in one language's fields, so
     * it is scored by its own language's terms alone.
     */
    public static Query scored(Map<Language, Analyzer> analyzers, TextScoring scoring, String text) {
        var builder = new BooleanQuery.Builder();
        int clauses = 0;
        int maxTerms = MAX_TERMS / Math.max(1, analyzers.size());
        for (var e : analyzers.entrySet()) {
            Language l = e.getKey();
            String search = l.field(ChunkFields.SEARCH), title = l.field(ChunkFields.TITLE_SEARCH), heading = l.field(ChunkFields.HEADING_SEARCH);
            for (String t : terms(e.getValue(), search, text, maxTerms)) {
                builder.add(new TermQuery(new Term(search, t)), BooleanClause.Occur.SHOULD);
                if (scoring.titleBoost() > 0) {
                    builder.add(new BoostQuery(new TermQuery(new Term(title, t)), (float) scoring.titleBoost()),
                            BooleanClause.Occur.SHOULD);
                }
                if (scoring.headingBoost() > 0) {
                    builder.add(new BoostQuery(new TermQuery(new Term(heading, t)), (float) scoring.headingBoost()),
                            BooleanClause.Occur.SHOULD);
                }
                clauses++;
            }
        }
        return clauses == 0 ? null : builder.build(); // null: no searchable term (e.g. only stop words)
    }

    /**
     * The distinct terms of {@code text} per language, as {@link #scored} queries them (same analyzers,
     * same cut); languages without a term are left out.
     */
    static Map<Language, Set<String>> analysed(Map<Language, Analyzer> analyzers, String text) {
        Map<Language, Set<String>> out = new java.util.EnumMap<>(Language.class);
        int maxTerms = MAX_TERMS / Math.max(1, analyzers.size());
        for (var e : analyzers.entrySet()) {
            Set<String> t = terms(e.getValue(), e.getKey().field(ChunkFields.SEARCH), text, maxTerms);
            if (!t.isEmpty()) out.put(e.getKey(), t);
        }
        return out;
    }

    /** Returns null when the text has no searchable term (e.g. only stop words). */
    public static Query anyTerm(Analyzer analyzer, String field, String text) {
        Set<String> terms = terms(analyzer, field, text, MAX_TERMS);
        if (terms.isEmpty()) {
            return null;
        }
        var builder = new BooleanQuery.Builder();
        for (String t : terms) {
            builder.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.SHOULD);
        }
        return builder.build();
    }

    static Set<String> terms(Analyzer analyzer, String field, String text, int maxTerms) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < maxTerms) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
