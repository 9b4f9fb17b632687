package dev.docent.retriever.internal;

import dev.docent.retriever.TextScoring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
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

    /** Lucene's default clause limit is 1024 and a term may take 3 clauses; longer questions are cut. */
    private static final int MAX_TERMS = 300;

    private TextQueries() {}

    /**
     * Each term in the flat field (title + heading + text), plus, where a boost is set, the same
     * term in the title or heading field with that weight. Null when the text has no searchable term.
     */
    public static Query scored(Analyzer analyzer, TextScoring scoring, String text) {
        Set<String> terms = terms(analyzer, ChunkFields.SEARCH, text);
        if (terms.isEmpty()) return null;
        var builder = new BooleanQuery.Builder();
        for (String t : terms) {
            builder.add(new TermQuery(new Term(ChunkFields.SEARCH, t)), BooleanClause.Occur.SHOULD);
            if (scoring.titleBoost() > 0) {
                builder.add(new BoostQuery(new TermQuery(new Term(ChunkFields.TITLE_SEARCH, t)), (float) scoring.titleBoost()),
                        BooleanClause.Occur.SHOULD);
            }
            if (scoring.headingBoost() > 0) {
                builder.add(new BoostQuery(new TermQuery(new Term(ChunkFields.HEADING_SEARCH, t)), (float) scoring.headingBoost()),
                        BooleanClause.Occur.SHOULD);
            }
        }
        return builder.build();
    }

    /** Returns null when the text has no searchable term (e.g. only stop words). */
    public static Query anyTerm(Analyzer analyzer, String field, String text) {
        Set<String> terms = terms(analyzer, field, text);
        if (terms.isEmpty()) {
            return null;
        }
        var builder = new BooleanQuery.Builder();
        for (String t : terms) {
            builder.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.SHOULD);
        }
        return builder.build();
    }

    private static Set<String> terms(Analyzer analyzer, String field, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
