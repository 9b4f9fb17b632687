package dev.docent.embedder;

import java.util.ArrayList;
import java.util.List;

/**
 * A sentence-embedding model. Implementations are thread-safe; vectors are L2-normalised so a dot
 * product is a cosine similarity.
 */
public interface Embedder extends AutoCloseable {

    /** Embeds one passage (a chunk of a document), with whatever passage prefix the model expects. */
    float[] embedPassage(String passage);

    /** Embeds a search query, with the query prefix/instruction the model expects. */
    float[] embedQuery(String query);

    /** Number of tokens the model's tokenizer makes of {@code text}, without special tokens. */
    int countTokens(String text);

    /** The longest input, in tokens, the model reads before it truncates (special tokens excluded). */
    int maxTokens();

    /** Length of every vector this model produces. */
    int dimensions();

    /** A stable name for the model, stored with the index so a model change forces a re-embed. */
    String modelName();

    /** Embeds several passages; implementations may override with true batching. */
    default List<float[]> embedPassages(List<String> passages) {
        var out = new ArrayList<float[]>(passages.size());
        for (String p : passages) {
            out.add(embedPassage(p));
        }
        return out;
    }

    @Override
    void close();
}
