package dev.docent.retriever.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * How a query's text divides into plain words and quoted phrases, the same for every index backend
 * (the Lucene index and the OpenSearch one must read "fleet \"battery trucks\"" alike).
 */
public final class QuotedPhrases {

    private QuotedPhrases() {}

    /**
     * The text outside quotes (first), then each quoted phrase. Typographic quotes count as
     * straight ones; an unclosed quote is ignored, its text read as plain words.
     */
    public static List<String> split(String text) {
        String[] pieces = text.replaceAll("[\u201c\u201d\u201e\u00ab\u00bb]", "\"").split("\"", -1);
        List<String> out = new ArrayList<>();
        var plain = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            boolean quoted = i % 2 == 1 && i < pieces.length - 1; // the last piece after an odd quote is not closed
            if (quoted) out.add(pieces[i]);
            else plain.append(pieces[i]).append(' ');
        }
        out.addFirst(plain.toString());
        return out;
    }
}
