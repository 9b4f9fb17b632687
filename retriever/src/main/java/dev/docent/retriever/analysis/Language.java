package dev.docent.retriever.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * A language Docent analyses for BM25: the suffix of its fields and its Lucene analysis chain.
 * Every chain folds accents (é → e, ß → ss), so a query typed without diacritics still matches.
 * Text in a language not listed here is indexed as {@link #ENGLISH}: folded, English stemming.
 */
public enum Language {

    /** Lucene's English analysis, with accents folded before stemming (ASCII text analyses exactly as EnglishAnalyzer). */
    ENGLISH("", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
        @Override
        TokenStream filter(TokenStream in) {
            TokenStream t = new LowerCaseFilter(new EnglishPossessiveFilter(in));
            t = new StopFilter(new ASCIIFoldingFilter(t), stopWords());
            return new PorterStemFilter(t);
        }
    },
    /** As Lucene's GermanAnalyzer (ä → a, ae → a, ß → ss; light stemming), then accents folded. */
    GERMAN("_de", GermanAnalyzer.getDefaultStopSet()) {
        @Override
        TokenStream filter(TokenStream in) {
            TokenStream t = new StopFilter(new LowerCaseFilter(in), stopWords());
            t = new GermanLightStemFilter(new GermanNormalizationFilter(t));
            return new ASCIIFoldingFilter(t);
        }
    },
    /**
     * As Lucene's FrenchAnalyzer (elision, light stemming), with accents folded before stemming so that
     * "securite" and "sécurité" share a stem.
     */
    FRENCH("_fr", FrenchAnalyzer.getDefaultStopSet()) {
        @Override
        TokenStream filter(TokenStream in) {
            TokenStream t = new LowerCaseFilter(new ElisionFilter(in, FrenchAnalyzer.DEFAULT_ARTICLES));
            t = new ASCIIFoldingFilter(new StopFilter(t, stopWords()));
            return new FrenchLightStemFilter(t);
        }
    },
    /**
     * Chinese, Japanese, Korean: as Lucene's CJKAnalyzer, overlapping bigrams of Han, Hiragana,
     * Katakana and Hangul (no dictionary needed, robust to unknown words); Latin words within are folded.
     */
    CJK("_cjk", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
        @Override
        TokenStream filter(TokenStream in) {
            TokenStream t = new LowerCaseFilter(new CJKWidthFilter(in));
            t = new StopFilter(new CJKBigramFilter(t), stopWords());
            return new ASCIIFoldingFilter(t);
        }
    };

    private final String suffix;
    private final CharArraySet stopWords;

    Language(String suffix, CharArraySet stopWords) {
        this.suffix = suffix;
        this.stopWords = stopWords;
    }

    /** The name of {@code baseField} for text in this language (English keeps the bare name). */
    public String field(String baseField) {
        return baseField + suffix;
    }

    /** Words so common in this language that they carry no meaning; also what detection counts. */
    CharArraySet stopWords() {
        return stopWords;
    }

    abstract TokenStream filter(TokenStream tokens);

    /** A new analyzer of this language's chain (close it when done). */
    public Analyzer analyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                var source = new StandardTokenizer();
                return new TokenStreamComponents(source, filter(source));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }
}
