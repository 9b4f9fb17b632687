package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.retriever.IndexedChunk;
import dev.docent.retriever.TextScoring;
import dev.docent.retriever.VectorFormat;
import dev.docent.retriever.analysis.Language;
import java.util.List;

/**
 * How a chunk maps onto an OpenSearch document, and the index that holds them: the same fields and
 * analysis as the Lucene index ({@code retriever.lucene.ChunkFields}, {@code analysis.Language}).
 * Each language's three analysed fields (flat title + heading + text, title, heading) go through an
 * analyzer that is that language's Lucene chain rebuilt from OpenSearch's filters, token filter by
 * token filter in the same order, so the terms, and so BM25, are the Lucene index's. Vectors are a
 * {@code knn_vector} on the Lucene engine, cosine, with the Lucene index's HNSW parameters.
 */
final class ChunkMapping {

    static final String PATH = "path";
    static final String TITLE = "title";
    static final String PAGE = "page";
    static final String HEADING = "heading";
    static final String ORDINAL = "ordinal";
    static final String START = "start";
    static final String END = "end";
    static final String TEXT = "text";
    static final String REGIONS = "regions";
    /** Position of the chunk in the list it was written with: "index order" for ties. */
    static final String SEQ = "seq";
    /** Which Docent wrote it (issue 19: several writers, one index; each owns its documents). */
    static final String OWNER = "owner";
    /** In the record index, an owner's commit marker: the sequence number its catalog follows. */
    static final String SEQUENCE = "sequence";
    /**
     * Which replace wrote a chunk, and in the record which version is the document: a search shows
     * only chunks of their record's version ({@code CurrentVersions}). Absent on indices written
     * before versions: read as "".
     */
    static final String VERSION = "version";
    /** When an owner's commit marker was written (epoch milliseconds): how old a generation's last write is. */
    static final String COMMITTED_AT = "committed_at";
    static final String SEARCH = "search";
    static final String TITLE_SEARCH = "title_search";
    static final String HEADING_SEARCH = "heading_search";
    static final String VECTOR = "vector";

    /** Everything but the vector: what hits and listings need (owner and version: is it current?). */
    static final List<String> STORED = List.of(PATH, TITLE, PAGE, HEADING, ORDINAL, START, END, TEXT, REGIONS, SEQ, OWNER, VERSION);

    /**
     * Adds the {@link #VERSION} field to an index created before it existed (its mapping is
     * strict: a write with an unknown field fails). Adding a field is allowed on a live index.
     */
    static ObjectNode versionField() {
        ObjectNode body = OpenSearchConnection.json().createObjectNode();
        body.putObject("properties").putObject(VERSION).put("type", "keyword");
        return body;
    }

    private ChunkMapping() {}

    /** The analyzer of {@code language}'s fields, as the index settings name it. */
    static String analyzer(Language language) {
        return "docent_" + language.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Settings and mappings of a new chunk index. */
    static ObjectNode chunkIndex(int dimensions, VectorFormat vectors, TextScoring scoring, int shards, int replicas) {
        if (vectors.int8()) {
            throw new IllegalArgumentException("the OpenSearch backend stores float vectors only (" + vectors + " asked)");
        }
        ObjectNode root = OpenSearchConnection.json().createObjectNode();
        ObjectNode index = root.putObject("settings").putObject("index");
        index.put("number_of_shards", shards).put("number_of_replicas", replicas);
        // Searches see writes only at refresh() / commit(), as with the Lucene index: a replaced
        // document is never seen half old, half new, and the catalog can follow the index.
        index.put("refresh_interval", "-1");
        index.put("knn", true);
        index.putObject("similarity").putObject("default").put("type", "BM25").put("k1", scoring.k1()).put("b", scoring.b());
        index.set("analysis", analysis());
        ObjectNode mappings = root.putObject("mappings").put("dynamic", "strict");
        // The analysed copies of title, heading and text are indexed, not kept twice in the source.
        mappings.putObject("_source").putArray("excludes").add(SEARCH + "*").add(TITLE_SEARCH + "*").add(HEADING_SEARCH + "*");
        ObjectNode props = mappings.putObject("properties");
        props.putObject(PATH).put("type", "keyword");
        props.putObject(OWNER).put("type", "keyword");
        props.putObject(VERSION).put("type", "keyword");
        for (String f : List.of(PAGE, ORDINAL, START, END, SEQ)) props.putObject(f).put("type", "integer");
        for (String f : List.of(TITLE, HEADING, TEXT, REGIONS)) props.putObject(f).put("type", "text").put("index", false);
        for (Language l : Language.values()) {
            for (String f : List.of(SEARCH, TITLE_SEARCH, HEADING_SEARCH)) {
                props.putObject(l.field(f)).put("type", "text").put("analyzer", analyzer(l));
            }
        }
        ObjectNode vector = props.putObject(VECTOR).put("type", "knn_vector").put("dimension", dimensions);
        ObjectNode method = vector.putObject("method").put("name", "hnsw").put("engine", "lucene").put("space_type", "cosinesimil");
        method.putObject("parameters").put("m", vectors.maxConn()).put("ef_construction", vectors.beamWidth());
        return root;
    }

    /** The per-document record: one per path, read back in real time to know what a replace removes. */
    static ObjectNode documentIndex(int shards, int replicas) {
        ObjectNode root = OpenSearchConnection.json().createObjectNode();
        ObjectNode index = root.putObject("settings").putObject("index");
        index.put("number_of_shards", shards).put("number_of_replicas", replicas).put("refresh_interval", "-1");
        ObjectNode props = root.putObject("mappings").put("dynamic", "strict").putObject("properties");
        props.putObject(PATH).put("type", "keyword");
        props.putObject(OWNER).put("type", "keyword");
        props.putObject("chunks").put("type", "integer");
        props.putObject(VERSION).put("type", "keyword");
        // The owner's commit marker (no path): the sequence number of its last commit, and when.
        props.putObject(SEQUENCE).put("type", "long");
        props.putObject(COMMITTED_AT).put("type", "long");
        return root;
    }

    /** The fields record indices made before {@link #COMMITTED_AT} lack: added in place at a writer's open. */
    static ObjectNode commitTimeField() {
        ObjectNode root = OpenSearchConnection.json().createObjectNode();
        root.putObject("properties").putObject(COMMITTED_AT).put("type", "long");
        return root;
    }

    /**
     * Lucene's chains ({@code Language}), each filter in the same place: English possessive,
     * lower case, folding, stop words, Porter; German lower case, stop words, normalisation, light
     * stemming, folding; French elision (case-insensitive articles, as Lucene's set ignores case),
     * lower case, stop words, folding, light stemming; CJK width, lower case, bigrams, English stop
     * words, folding. The stop word sets named {@code _english_} etc. are Lucene's own.
     */
    private static ObjectNode analysis() {
        ObjectNode analysis = OpenSearchConnection.json().createObjectNode();
        ObjectNode filters = analysis.putObject("filter");
        filters.putObject("docent_possessive").put("type", "stemmer").put("language", "possessive_english");
        filters.putObject("docent_stop_en").put("type", "stop").put("stopwords", "_english_");
        filters.putObject("docent_stop_de").put("type", "stop").put("stopwords", "_german_");
        filters.putObject("docent_stop_fr").put("type", "stop").put("stopwords", "_french_");
        filters.putObject("docent_stem_de").put("type", "stemmer").put("language", "light_german");
        filters.putObject("docent_stem_fr").put("type", "stemmer").put("language", "light_french");
        ObjectNode elision = filters.putObject("docent_elision").put("type", "elision").put("articles_case", true);
        ArrayNode articles = elision.putArray("articles");
        // FrenchAnalyzer.DEFAULT_ARTICLES
        for (String a : List.of("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu")) articles.add(a);
        ObjectNode analyzers = analysis.putObject("analyzer");
        chain(analyzers, Language.ENGLISH, "docent_possessive", "lowercase", "asciifolding", "docent_stop_en", "porter_stem");
        chain(analyzers, Language.GERMAN, "lowercase", "docent_stop_de", "german_normalization", "docent_stem_de", "asciifolding");
        chain(analyzers, Language.FRENCH, "docent_elision", "lowercase", "docent_stop_fr", "asciifolding", "docent_stem_fr");
        chain(analyzers, Language.CJK, "cjk_width", "lowercase", "cjk_bigram", "docent_stop_en", "asciifolding");
        return analysis;
    }

    private static void chain(ObjectNode analyzers, Language language, String... filters) {
        ObjectNode a = analyzers.putObject(analyzer(language)).put("type", "custom").put("tokenizer", "standard");
        ArrayNode f = a.putArray("filter");
        for (String name : filters) f.add(name);
    }

    /** The document of one chunk, its analysed text in {@code language}'s fields. */
    static ObjectNode source(IndexedChunk c, Language language, int seq, String owner, String version) {
        ObjectNode d = OpenSearchConnection.json().createObjectNode();
        d.put(PATH, c.path()).put(OWNER, owner).put(VERSION, version).put(TITLE, c.title()).put(PAGE, c.page()).put(HEADING, c.heading())
                .put(ORDINAL, c.ordinal()).put(START, c.startOffset()).put(END, c.endOffset()).put(TEXT, c.text()).put(SEQ, seq);
        if (c.regions() != null && !c.regions().isEmpty()) d.put(REGIONS, c.regions());
        d.put(language.field(SEARCH), c.title() + "\n" + c.heading() + "\n" + c.text());
        d.put(language.field(TITLE_SEARCH), c.title());
        d.put(language.field(HEADING_SEARCH), c.heading());
        ArrayNode v = d.putArray(VECTOR);
        for (float x : c.vector()) v.add(x);
        return d;
    }

    /** The vector of a hit's source, or null. */
    static float[] vector(JsonNode source) {
        JsonNode v = source.path(VECTOR);
        if (!v.isArray()) return null;
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i).floatValue(); // BigDecimal to float: rounded once, exactly
        return out;
    }
}
