package dev.docent.retriever.lucene;

import dev.docent.retriever.Hit;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.analysis.Language;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/** The one place that knows how a chunk maps onto Lucene fields. */
public final class ChunkFields {

    public static final String PATH = "path";
    public static final String TITLE = "title";
    public static final String PAGE = "page";
    public static final String HEADING = "heading";
    public static final String ORDINAL = "ordinal";
    public static final String START = "start";
    public static final String END = "end";
    /** Stored chunk text, returned in hits. */
    public static final String TEXT = "text";
    /**
     * Analysed for BM25: title + heading + text, so a chunk matches on its context too. This and the
     * two below are the English names; a chunk in another language uses {@link Language#field}'s.
     */
    public static final String SEARCH = "search";
    /** The title alone, analysed, for a title boost. */
    public static final String TITLE_SEARCH = "title_search";
    /** The heading alone, analysed, for a heading boost. */
    public static final String HEADING_SEARCH = "heading_search";
    public static final String VECTOR = "vector";
    /** Where the chunk is on its page (stored only, absent when unknown): see {@link IndexedChunk#regions()}. */
    public static final String REGIONS = "regions";

    private ChunkFields() {}

    /** The three analysed fields of every language, for the analyzer that writes them. */
    public static final java.util.List<String> ANALYSED = java.util.List.of(SEARCH, TITLE_SEARCH, HEADING_SEARCH);

    /** An English chunk. */
    public static Document toDocument(IndexedChunk c) {
        return toDocument(c, Language.ENGLISH);
    }

    /** A chunk whose text is in {@code language}: its analysed text goes into that language's fields. */
    public static Document toDocument(IndexedChunk c, Language language) {
        var doc = new Document();
        doc.add(new StringField(PATH, c.path(), Field.Store.YES));
        doc.add(new StoredField(TITLE, c.title()));
        doc.add(new StoredField(PAGE, c.page()));
        doc.add(new StoredField(HEADING, c.heading()));
        doc.add(new StoredField(ORDINAL, c.ordinal()));
        doc.add(new StoredField(START, c.startOffset()));
        doc.add(new StoredField(END, c.endOffset()));
        doc.add(new StoredField(TEXT, c.text()));
        if (c.regions() != null && !c.regions().isEmpty()) doc.add(new StoredField(REGIONS, c.regions()));
        doc.add(new TextField(language.field(SEARCH), c.title() + "\n" + c.heading() + "\n" + c.text(), Field.Store.NO));
        doc.add(new TextField(language.field(TITLE_SEARCH), c.title(), Field.Store.NO));
        doc.add(new TextField(language.field(HEADING_SEARCH), c.heading(), Field.Store.NO));
        // Vectors are unit length, so dot product equals cosine and is cheaper.
        doc.add(new KnnFloatVectorField(VECTOR, c.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    /** A stored chunk back as written, with its vector (read separately: vectors are not stored fields). */
    public static IndexedChunk toChunk(Document d, float[] vector) {
        return new IndexedChunk(d.get(PATH), d.get(TITLE), d.getField(PAGE).numericValue().intValue(), d.get(HEADING),
                d.getField(ORDINAL).numericValue().intValue(), d.getField(START).numericValue().intValue(),
                d.getField(END).numericValue().intValue(), d.get(TEXT), vector,
                d.get(REGIONS) == null ? "" : d.get(REGIONS)); // a copy keeps its page highlights
    }

    /** The vector of leaf document {@code doc} (a copy), or null if it has none. */
    public static float[] vector(org.apache.lucene.index.LeafReader leaf, int doc) throws java.io.IOException {
        var values = leaf.getFloatVectorValues(VECTOR);
        if (values == null) return null;
        var it = values.iterator();
        if (it.advance(doc) != doc) return null;
        return values.vectorValue(it.index()).clone();
    }

    public static Hit toHit(Document d, double score) {
        return toHit(d, score, 0, Double.NaN);
    }

    public static Hit toHit(Document d, double score, double bm25, double cosine) {
        return new Hit(
                d.get(PATH),
                d.get(TITLE),
                d.getField(PAGE).numericValue().intValue(),
                d.get(HEADING),
                d.getField(ORDINAL).numericValue().intValue(),
                d.getField(START).numericValue().intValue(),
                d.getField(END).numericValue().intValue(),
                d.get(TEXT),
                score,
                bm25,
                cosine);
    }
}
