package dev.docent.retriever.analysis;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;

/** One analyzer per {@link Language}, and the field-routing analyzer the index writer uses. */
public final class MultilingualAnalysis implements Closeable {

    /**
     * Names what the analysis does; an index written under another version must be rebuilt (the
     * indexer keeps it in its catalog with the model and chunking). Bump on any change to a chain,
     * to the languages or to their detection.
     */
    public static final String VERSION = "multilingual-1";

    private final Map<Language, Analyzer> analyzers = new EnumMap<>(Language.class);
    private final Analyzer writing;

    /** @param analysedFields the base (English) names of the analysed fields */
    public MultilingualAnalysis(List<String> analysedFields) {
        Map<String, Analyzer> byField = new HashMap<>();
        for (Language l : Language.values()) {
            Analyzer a = l.analyzer();
            analyzers.put(l, a);
            for (String f : analysedFields) byField.put(l.field(f), a);
        }
        this.writing = new PerFieldAnalyzerWrapper(analyzers.get(Language.ENGLISH), byField);
    }

    /** The analyzer for the index writer: each language's fields through that language's chain. */
    public Analyzer writing() {
        return writing;
    }

    /** The chain of {@code language}, to analyse a query for that language's fields. */
    public Analyzer of(Language language) {
        return analyzers.get(language);
    }

    /**
     * The language a chunk's text is indexed in: its own when it says clearly, else its document's
     * ({@code documentLanguage}, detected over all of its text), else English.
     */
    public static Language chunkLanguage(String chunkText, Language documentLanguage) {
        return LanguageDetector.detect(chunkText).orElse(documentLanguage == null ? Language.ENGLISH : documentLanguage);
    }

    /** The languages with at least one chunk in {@code reader} (English first), the ones a query is analysed for. */
    public static List<Language> inUse(IndexReader reader, String baseField) {
        List<Language> used = new ArrayList<>();
        for (Language l : Language.values()) {
            String field = l.field(baseField);
            for (LeafReaderContext leaf : reader.leaves()) {
                if (leaf.reader().getFieldInfos().fieldInfo(field) != null) {
                    used.add(l);
                    break;
                }
            }
        }
        return used;
    }

    @Override
    public void close() throws IOException {
        writing.close();
        for (Analyzer a : analyzers.values()) a.close();
    }
}
