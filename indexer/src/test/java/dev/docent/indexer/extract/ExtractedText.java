package dev.docent.indexer.extract;

import java.util.stream.Collectors;

/** Extracted text in a stable, readable form for golden files: one section per page, headings marked. */
public final class ExtractedText {

    private ExtractedText() {}

    public static String render(ExtractedDocument doc) {
        StringBuilder sb = new StringBuilder("title: " + doc.title() + "\npaged: " + doc.paged() + "\n");
        for (Page p : doc.pages()) {
            sb.append("--- page ").append(p.number()).append('\n');
            sb.append(p.blocks().stream().map(b -> (b.heading() ? "# " : "") + b.text()).collect(Collectors.joining("\n")));
            sb.append('\n');
        }
        return sb.toString();
    }
}
