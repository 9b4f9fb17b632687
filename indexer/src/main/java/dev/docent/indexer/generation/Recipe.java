package dev.docent.indexer.generation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides what an index holds for the same files: two generations built under
 * equal recipes hold the same chunks and vectors, so one may stand in for the other; under
 * different recipes the chunks (or their vectors, or their terms) differ and the index must be
 * rebuilt.
 *
 * @param model the embedding model's name
 * @param dimensions its vectors' length
 * @param chunkTokens the chunker's token budget
 * @param chunker the chunking strategy's version (sentence-aware, no overlap today)
 * @param analysis the BM25 analysis version the index's terms were written with
 * @param extraction the text extraction's version
 */
public record Recipe(String model, int dimensions, int chunkTokens, String chunker, String analysis, String extraction) {

    /**
     * Bump when {@link dev.docent.indexer.chunk.Chunker} cuts the same text differently (a new
     * strategy, overlap), so existing indexes are rebuilt in the background.
     */
    public static final String CHUNKER_VERSION = "sentences-1";
    /**
     * Bump when extraction gives different text (or what the catalog keeps of it) for the same
     * file, for the same reason. 2: per-document author, creation time, language and text dates.
     */
    public static final String EXTRACTION_VERSION = "extract-2";
    /** The versions before generations, which data directories of that layout were built with. */
    private static final String FIRST_CHUNKER = "sentences-1";
    private static final String FIRST_EXTRACTION = "extract-1";
    /** Stands for a field an older data directory did not record. */
    static final String UNKNOWN = "?";

    public Recipe {
        for (String s : List.of(model, chunker, analysis, extraction)) {
            if (s.isEmpty() || s.contains("\n") || s.contains(";")) throw new IllegalArgumentException("bad recipe field '" + s + "'");
        }
    }

    /** The recipe of this build of Docent for an embedding model, chunk budget and analysis version. */
    public static Recipe current(String model, int dimensions, int chunkTokens, String analysis) {
        return new Recipe(model, dimensions, chunkTokens, CHUNKER_VERSION, analysis, EXTRACTION_VERSION);
    }

    /** One line, every field named: stored in the pointer file and hashed for the fingerprint. */
    public String canonical() {
        return "model=" + model + ";dimensions=" + dimensions + ";chunk_tokens=" + chunkTokens + ";chunker=" + chunker
                + ";analysis=" + analysis + ";extraction=" + extraction;
    }

    /** Reads {@link #canonical()} back. */
    public static Recipe parse(String canonical) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : canonical.strip().split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) f.put(part.substring(0, eq), part.substring(eq + 1));
        }
        try {
            return new Recipe(f.getOrDefault("model", UNKNOWN), Integer.parseInt(f.getOrDefault("dimensions", "0")),
                    Integer.parseInt(f.getOrDefault("chunk_tokens", "0")), f.getOrDefault("chunker", UNKNOWN),
                    f.getOrDefault("analysis", UNKNOWN), f.getOrDefault("extraction", UNKNOWN));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a recipe: " + canonical, e);
        }
    }

    /** A short hash of {@link #canonical()}: names the generation's directory. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key the catalog's {@code embedding_model} meta row held before generations
     * ({@code model/dimensions/chunkN/analysis}); still written, for older readers and to adopt a
     * data directory of that layout.
     */
    public String legacyKey() {
        return model + "/" + dimensions + "/chunk" + chunkTokens + "/" + analysis;
    }

    /**
     * The recipe an index of the layout before generations was built with, from its legacy key.
     * The chunker and extraction versions were not recorded; they are the first ones, {@link
     * #CHUNKER_VERSION} and {@link #EXTRACTION_VERSION} as they were when generations came (bump
     * those, and an older index no longer matches, as it should not).
     */
    public static Recipe fromLegacyKey(String key) {
        String[] p = key.split("/");
        String model = p.length > 0 && !p[0].isEmpty() ? p[0] : UNKNOWN;
        int dims = p.length > 1 ? parseOr(p[1], 0) : 0;
        int chunk = p.length > 2 && p[2].startsWith("chunk") ? parseOr(p[2].substring(5), 0) : 0;
        String analysis = p.length > 3 && !p[3].isEmpty() ? p[3] : UNKNOWN;
        return new Recipe(model, dims, chunk, FIRST_CHUNKER, analysis, FIRST_EXTRACTION);
    }

    private static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Whether query vectors of this recipe's model may be searched in an index built under {@code other}. */
    public boolean vectorsCompatibleWith(Recipe other) {
        return model.equals(other.model) && dimensions == other.dimensions;
    }

    /** What changed from {@code old} to this, in words for the status: "embedding model", "chunking", ... */
    public String changesFrom(Recipe old) {
        List<String> changes = new ArrayList<>();
        if (!vectorsCompatibleWith(old)) changes.add("embedding model");
        if (chunkTokens != old.chunkTokens || !chunker.equals(old.chunker)) changes.add("chunking");
        if (!analysis.equals(old.analysis)) changes.add("text analysis");
        if (!extraction.equals(old.extraction)) changes.add("text extraction");
        return changes.isEmpty() ? "recipe" : String.join(" and ", changes);
    }
}
