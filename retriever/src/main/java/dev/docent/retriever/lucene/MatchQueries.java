package dev.docent.retriever.lucene;

import dev.docent.retriever.analysis.Language;
import dev.docent.retriever.analysis.QuotedPhrases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The filter of a document match: every term of the text required, and each quoted part as a
 * phrase, in the flat field (title + heading + text), once per language with that language's
 * analysis; a chunk matches when it satisfies its own language's clauses.
 */
final class MatchQueries {

    private MatchQueries() {}

    /** Null when no language yields a term or phrase (e.g. only stop words): then no chunk matches. */
    static Query required(Map<Language, Analyzer> analyzers, String text) {
        List<String> parts = QuotedPhrases.split(text);
        var anyLanguage = new BooleanQuery.Builder();
        int languages = 0;
        int maxClauses = TextQueries.MAX_TERMS / Math.max(1, analyzers.size());
        for (var e : analyzers.entrySet()) {
            String field = e.getKey().field(ChunkFields.SEARCH);
            var all = new BooleanQuery.Builder();
            int clauses = 0;
            for (String t : TextQueries.terms(e.getValue(), field, parts.getFirst(), maxClauses)) {
                all.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.MUST);
                clauses++;
            }
            for (String phrase : parts.subList(1, parts.size())) {
                Query q = phrase(e.getValue(), field, phrase);
                if (q == null || clauses >= maxClauses) continue;
                all.add(q, BooleanClause.Occur.MUST);
                clauses++;
            }
            if (clauses == 0) continue; // the text says nothing in this language: none of its chunks match
            anyLanguage.add(all.build(), BooleanClause.Occur.SHOULD);
            languages++;
        }
        return languages == 0 ? null : anyLanguage.build();
    }


    /** The phrase as the analyzer reads it, gaps of dropped stop words kept; a single term alone; null for none. */
    private static Query phrase(Analyzer analyzer, String field, String phrase) {
        var builder = new PhraseQuery.Builder();
        Term single = null;
        int terms = 0, position = -1;
        try (TokenStream ts = analyzer.tokenStream(field, phrase)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                position += increment.getPositionIncrement();
                single = new Term(field, term.toString());
                builder.add(single, position);
                terms++;
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms == 0) return null;
        return terms == 1 ? new TermQuery(single) : builder.build();
    }
}
