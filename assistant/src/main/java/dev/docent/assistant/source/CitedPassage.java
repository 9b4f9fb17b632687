package dev.docent.assistant.source;

import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.ExtractionException;
import dev.docent.indexer.extract.Page;
import dev.docent.indexer.extract.PageRegions;
import dev.docent.retriever.Hit;
import java.util.ArrayList;
import java.util.List;

/**
 * A cited passage in its context, from the index: the chunks of its section (same page, same
 * heading; at most {@link #AROUND} on either side) with the cited one marked, and for a PDF the
 * regions of its page the passage covers, as kept at extraction.
 *
 * @param page the page (0 for formats without pages)
 * @param heading the section heading, or ""
 * @param context the section's chunks in order, the cited one(s) marked
 * @param regions where the passage is on its page (PDF text layers), else empty
 */
public record CitedPassage(int page, String heading, List<Part> context, List<PageRegions.Region> regions) {

    /** Chunks shown before and after the cited one, within its section. */
    static final int AROUND = 3;

    /** One chunk of the section: its text, and whether it is (part of) what was cited. */
    public record Part(String text, boolean cited) {}

    /**
     * The passage of {@code f} on {@code page} at {@code [start, end)} (the citation's offsets).
     * NOT_FOUND when the index has no chunk there any more (the file changed since the answer).
     */
    public static CitedPassage of(DocumentSources sources, SourceFile f, int page, int start, int end) throws SourceProblem {
        String path = f.record().path();
        List<Hit> chunks = sources.indexer().withIndex(index -> index.chunksOf(path));
        int cited = -1;
        for (int i = 0; i < chunks.size() && cited < 0; i++) {
            Hit h = chunks.get(i);
            if (h.page() == page && h.startOffset() < end && h.endOffset() > start) cited = i;
        }
        if (cited < 0) {
            throw new SourceProblem(SourceProblem.Kind.NOT_FOUND, "this passage is no longer in the index: the file "
                    + "changed since the answer was written (ask again to cite its current text)");
        }
        Hit at = chunks.get(cited);
        int from = cited;
        while (from > 0 && cited - from < AROUND && sameSection(chunks.get(from - 1), at)) from--;
        int to = cited;
        while (to + 1 < chunks.size() && to - cited < AROUND && sameSection(chunks.get(to + 1), at)) to++;
        List<Part> context = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            Hit h = chunks.get(i);
            context.add(new Part(h.text(), h.page() == page && h.startOffset() < end && h.endOffset() > start));
        }
        return new CitedPassage(page, at.heading(), context, f.pdf() ? regions(sources, f, page, start, end) : List.of());
    }

    private static boolean sameSection(Hit a, Hit b) {
        return a.page() == b.page() && a.heading().equals(b.heading());
    }

    /**
     * The stored regions of the cited chunks; for an index written before regions were kept, the
     * same computed from the file read again (only while it is the version that was indexed).
     */
    private static List<PageRegions.Region> regions(DocumentSources sources, SourceFile f, int page, int start, int end) {
        List<PageRegions.Region> out = new ArrayList<>();
        String path = f.record().path();
        for (String stored : sources.indexer().withIndex(index -> index.regionsOf(path, page, start, end))) {
            out.addAll(PageRegions.decode(stored));
        }
        if (!out.isEmpty() || f.missing() || f.changed() || page < 1) return out;
        try {
            // As the sync reads it: checked, under its limits, with OCR (a scan's regions are OCR's).
            ExtractedDocument doc = sources.indexer().readDocument(path);
            for (Page p : doc.pages()) {
                if (p.number() == page) return PageRegions.of(p, start, end);
            }
        } catch (ExtractionException e) {
            // No highlight then; the page is still shown.
        }
        return out;
    }
}
