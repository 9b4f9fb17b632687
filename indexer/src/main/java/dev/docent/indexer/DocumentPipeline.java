package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.chunk.Chunk;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.ExtractionException;
import dev.docent.indexer.extract.FileAccess;
import dev.docent.indexer.extract.Page;
import dev.docent.indexer.extract.PageRegions;
import dev.docent.indexer.extract.TextExtractor;
import dev.docent.indexer.watch.FileState;
import dev.docent.retriever.IndexedChunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The per-file steps of indexing, split so reading and embedding can overlap. */
final class DocumentPipeline {

    private final TextExtractor extractor;
    private final Chunker chunker;
    private final Embedder embedder;
    private volatile BooleanSupplier pause = () -> false;

    DocumentPipeline(TextExtractor extractor, Chunker chunker, Embedder embedder) {
        this.extractor = extractor;
        this.chunker = chunker;
        this.embedder = embedder;
    }

    void pauseWhile(BooleanSupplier condition) {
        this.pause = condition;
    }

    /** A file extracted and chunked, not yet embedded. */
    record Prepared(ExtractedDocument document, List<Chunk> chunks) {}

    /**
     * What reading one file gave: its content hash (null if unknown) and either the prepared
     * document, or why it failed (and whether that may pass without the file changing), or the
     * news that the content is what the catalog already has.
     */
    record Outcome(String sha256, Prepared prepared, String error, boolean retryable, boolean unchanged) {}

    /** Embedding stopped half-way because the indexer is closing; the file stays pending. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("indexer is closing", null, false, false);
        }
    }

    /**
     * Reads a file the walk listed: checks it is still a regular file, inside the watched folders
     * and within the size limit (before anything reads it), hashes it without following links
     * and, unless the content is the one indexed (or refused for its content) before, extracts
     * and chunks it, then checks it did not change meanwhile.
     */
    Outcome read(FileState f, DocumentRecord previous, FileAccess access) {
        String hash = null;
        try {
            FileAccess.Snapshot before = access.check(f.path());
            hash = access.sha256(f.path(), before);
            if (previous != null && hash.equals(previous.sha256()) && previous.indexedAt() != null
                    && previous.retryAt() == null) {
                return new Outcome(hash, null, null, false, true); // touched, not changed: keep the old outcome
            }
            ExtractedDocument doc = extractor.extract(f.path());
            access.checkUnchanged(f.path(), before);
            return new Outcome(hash, new Prepared(doc, chunker.chunk(doc)), null, false, false);
        } catch (ExtractionException e) {
            // A retryable failure keeps no hash, so the next attempt reads the file afresh.
            return new Outcome(e.retryable() ? null : hash, null, e.getMessage(), e.retryable(), false);
        }
    }

    /** Embeds the chunks; throws {@link Stopped} between chunks once {@code stopping} holds. */
    List<IndexedChunk> embed(String path, Prepared p, BooleanSupplier stopping) {
        String title = p.document().title();
        List<IndexedChunk> out = new ArrayList<>(p.chunks().size());
        Map<Integer, Page> pages = new HashMap<>();
        for (Page page : p.document().pages()) pages.putIfAbsent(page.number(), page);
        for (Chunk c : p.chunks()) {
            while (pause.getAsBoolean() && !stopping.getAsBoolean()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (stopping.getAsBoolean()) throw new Stopped();
            // The title and heading give a bare paragraph the context a reader would have.
            String context = c.heading().isEmpty() ? title : title + " — " + c.heading();
            float[] vector = embedder.embedPassage(context + "\n" + c.text());
            // Where the chunk is on its page, kept for the source viewer's highlight (PDF text layers).
            Page page = pages.get(c.page());
            String regions = page == null ? "" : PageRegions.encode(PageRegions.of(page, c.startOffset(), c.endOffset()));
            out.add(new IndexedChunk(path, title, c.page(), c.heading(), c.ordinal(),
                    c.startOffset(), c.endOffset(), c.text(), vector, regions));
        }
        return out;
    }
}
