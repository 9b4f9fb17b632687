package dev.docent.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.retriever.TextScoring;
import dev.docent.retriever.analysis.Language;
import dev.docent.retriever.analysis.QuotedPhrases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The queries of a question, built as the Lucene index builds them ({@code TextQueries},
 * {@code MatchQueries}): the text is analysed here, by Docent's own chains, and each distinct term
 * becomes a term clause, so the cluster scores exactly the Lucene index's query. The BM25 clauses
 * are named {@code LANGUAGE:term}: a hit's matched names say which of the question's terms it holds
 * (its coverage) without another request.
 */
final class QueryText {

    /** As the Lucene index: at most this many terms, shared among the languages a query is analysed for. */
    static final int MAX_TERMS = 300;

    private static final Map<Language, Analyzer> ANALYZERS = new EnumMap<>(Language.class);

    static {
        for (Language l : Language.values()) ANALYZERS.put(l, l.analyzer()); // thread-safe, kept for the JVM's life
    }

    private QueryText() {}

    /** The distinct terms of {@code text} per language in {@code languages} (those without a term left out). */
    static Map<Language, Set<String>> analysed(List<Language> languages, String text) {
        Map<Language, Set<String>> out = new EnumMap<>(Language.class);
        int maxTerms = MAX_TERMS / Math.max(1, languages.size());
        for (Language l : languages) {
            Set<String> t = terms(l, text, maxTerms);
            if (!t.isEmpty()) out.put(l, t);
        }
        return out;
    }

    /** The BM25 query: each term in the flat field, plus the title/heading boosts; null without a term. */
    static ObjectNode scored(Map<Language, Set<String>> terms, TextScoring scoring) {
        if (terms.isEmpty()) return null;
        ObjectNode query = OpenSearchConnection.json().createObjectNode();
        ArrayNode should = query.putObject("bool").putArray("should");
        for (var e : terms.entrySet()) {
            Language l = e.getKey();
            for (String t : e.getValue()) {
                should.addObject().putObject("term").putObject(l.field(ChunkMapping.SEARCH)).put("value", t).put("_name", name(l, t));
                if (scoring.titleBoost() > 0) {
                    should.addObject().putObject("term").putObject(l.field(ChunkMapping.TITLE_SEARCH)).put("value", t)
                            .put("boost", (float) scoring.titleBoost());
                }
                if (scoring.headingBoost() > 0) {
                    should.addObject().putObject("term").putObject(l.field(ChunkMapping.HEADING_SEARCH)).put("value", t)
                            .put("boost", (float) scoring.headingBoost());
                }
            }
        }
        return query;
    }

    /** The clause name of {@code term} in {@code language}: how matched_queries reports it. */
    static String name(Language language, String term) {
        return language.name() + ":" + term;
    }

    /**
     * The filter of a document match: per language, every term required and each quoted part as a
     * phrase (analysed by the index's analyzer of that language, which is the same chain); a chunk
     * matches its own language's clauses. Null when no language yields a term or phrase.
     */
    static ObjectNode required(List<Language> languages, String text) {
        List<String> parts = QuotedPhrases.split(text);
        ObjectNode query = OpenSearchConnection.json().createObjectNode();
        ArrayNode anyLanguage = query.putObject("bool").putArray("should");
        int maxClauses = MAX_TERMS / Math.max(1, languages.size());
        for (Language l : languages) {
            String field = l.field(ChunkMapping.SEARCH);
            ObjectNode all = OpenSearchConnection.json().createObjectNode();
            ArrayNode must = all.putObject("bool").putArray("must");
            int clauses = 0;
            for (String t : terms(l, parts.getFirst(), maxClauses)) {
                must.addObject().putObject("term").putObject(field).put("value", t);
                clauses++;
            }
            for (String phrase : parts.subList(1, parts.size())) {
                // A phrase whose words are all stop words sets no condition (as in the Lucene index).
                if (terms(l, phrase, Integer.MAX_VALUE).isEmpty() || clauses >= maxClauses) continue;
                must.addObject().putObject("match_phrase").putObject(field).put("query", phrase).put("analyzer", ChunkMapping.analyzer(l));
                clauses++;
            }
            if (clauses == 0) continue;
            anyLanguage.add(all);
        }
        return anyLanguage.isEmpty() ? null : query;
    }


    static Set<String> terms(Language language, String text, int maxTerms) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = ANALYZERS.get(language).tokenStream(language.field(ChunkMapping.SEARCH), text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < maxTerms) terms.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
