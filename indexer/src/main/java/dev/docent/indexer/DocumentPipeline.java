package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.cache.EmbeddingCache;
import dev.docent.indexer.chunk.Chunk;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.ExtractionException;
import dev.docent.indexer.extract.FileAccess;
import dev.docent.indexer.extract.Page;
import dev.docent.indexer.extract.PageRegions;
import dev.docent.indexer.extract.TextDates;
import dev.docent.indexer.extract.TextExtractor;
import dev.docent.indexer.watch.FileState;
import dev.docent.retriever.IndexedChunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.ChronoUnit;
import dev.docent.indexer.watch.FileState;
import java.util.function.Predicate;

/** The per-file steps of indexing, split so reading and embedding can overlap. */
final class DocumentPipeline {

    private final TextExtractor extractor;
    private final Chunker chunker;
    private final Embedder embedder;
    /** Vectors by (model, text hash); null: every chunk is embedded. */
    private final EmbeddingCache cache;
    /** The cache's name for the embedder: its model, vector length and that these are passages. */
    private final String cacheModel;
    private volatile BooleanSupplier pause = () -> false;

    DocumentPipeline(TextExtractor extractor, Chunker chunker, Embedder embedder) {
        this(extractor, chunker, embedder, null);
    }

    DocumentPipeline(TextExtractor extractor, Chunker chunker, Embedder embedder, EmbeddingCache cache) {
        this.extractor = extractor;
        this.chunker = chunker;
        this.embedder = embedder;
        this.cache = cache;
        this.cacheModel = cacheModelId(embedder);
    }

    /** The id under which {@code embedder}'s passage vectors are cached: any change of model misses. */
    static String cacheModelId(Embedder embedder) {
        return embedder.modelName() + "/" + embedder.dimensions() + "/passage";
    }

    void pauseWhile(BooleanSupplier condition) {
        this.pause = condition;
    }

    /** A file extracted and chunked, with the dates its text mentions, not yet embedded. */
    record Prepared(ExtractedDocument document, List<Chunk> chunks, List<java.time.LocalDate> textDates) {}

    /**
     * What reading one file gave: its content hash (null if unknown) and either the prepared
     * document, or why it failed (and whether that may pass without the file changing), or the
     * news that the content is what the catalog already has, or ({@code reusable}) that another
     * indexed file has this content, so its chunks and vectors can be taken as they are.
     */
    record Outcome(String sha256, Prepared prepared, String error, boolean retryable, boolean unchanged,
            boolean reusable) {
        Outcome(String sha256, Prepared prepared, String error, boolean retryable, boolean unchanged) {
            this(sha256, prepared, error, retryable, unchanged, false);
        }
    }

    /** Chunks ready for the index, and how many of them the embedder computed (the rest came from the cache). */
    record Embedded(List<IndexedChunk> chunks, int embedded) {}

    /** Embedding stopped half-way because the indexer is closing; the file stays pending. */
    /** Throws {@link FileChanged} if the file is no longer as it was read (size, modification time, there at all). */
    private static void requireUnchanged(FileState asRead) {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(asRead.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new FileChanged(true);
        } catch (IOException e) {
            return; // cannot tell (a passing error): embedding on costs time, not correctness
        }
        if (!now.isRegularFile()) throw new FileChanged(true);
        if (now.size() != asRead.size()
                || !now.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS).equals(asRead.modified())) {
            throw new FileChanged(false);
        }
    }

    /** The file being embedded was deleted ({@link #gone}) or changed since it was read. */
    static final class FileChanged extends RuntimeException {
        final boolean gone;

        FileChanged(boolean gone) {
            super(gone ? "the file was deleted while it was embedded" : "the file changed while it was embedded", null, false, false);
            this.gone = gone;
        }
    }

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
        return read(f, previous, access, sha -> false);
    }

    /**
     * As {@link #read(FileState, DocumentRecord, FileAccess)}; when {@code indexedElsewhere} holds
     * for the content hash (a rename, move or copy of an indexed file), stops after hashing.
     */
    Outcome read(FileState f, DocumentRecord previous, FileAccess access, Predicate<String> indexedElsewhere) {
        String hash = null;
        try {
            FileAccess.Snapshot before = access.check(f.path());
            hash = access.sha256(f.path(), before);
            if (previous != null && hash.equals(previous.sha256()) && previous.indexedAt() != null
                    && previous.retryAt() == null) {
                return new Outcome(hash, null, null, false, true); // touched, not changed: keep the old outcome
            }
            if (indexedElsewhere.test(hash)) return new Outcome(hash, null, null, false, false, true);
            ExtractedDocument doc = extractor.extract(f.path());
            access.checkUnchanged(f.path(), before);
            return new Outcome(hash, new Prepared(doc, chunker.chunk(doc), TextDates.in(doc.pages())), null, false, false);
        } catch (ExtractionException e) {
            // A retryable failure keeps no hash, so the next attempt reads the file afresh.
            return new Outcome(e.retryable() ? null : hash, null, e.getMessage(), e.retryable(), false);
        }
    }

    /**
     * Embeds the chunks whose text (with its context) the cache does not hold for this model;
     * throws {@link Stopped} between chunks once {@code stopping} holds.
     */
    Embedded embed(String path, Prepared p, BooleanSupplier stopping) {
        return embed(path, p, stopping, input -> null);
    }

    /**
     * As {@link #embed(String, Prepared, BooleanSupplier)}; on a cache miss, {@code indexed} may
     * give the vector the index already holds for a chunk of the file's previous version with
     * exactly this title, heading and text (a renamed file's chunks keep the vectors they were
     * embedded with under the old name, which the cache knows only under that name's input).
     */
    Embedded embed(String path, Prepared p, BooleanSupplier stopping, java.util.function.Function<String, float[]> indexed) {
        return embed(path, p, stopping, indexed, null);
    }

    /**
     * As above; with {@code asRead} (the file as it was when it was read), the file is looked at
     * before every chunk the embedder computes, and {@link FileChanged} is thrown once it is gone
     * or changed: its chunks would describe a file that no longer exists (a large file deleted
     * while it was embedded was once embedded on for minutes). A look is a stat, microseconds
     * beside a chunk's embedding; chunks from the cache cost none.
     */
    Embedded embed(String path, Prepared p, BooleanSupplier stopping, java.util.function.Function<String, float[]> indexed,
            FileState asRead) {
        String title = p.document().title();
        List<IndexedChunk> out = new ArrayList<>(p.chunks().size());
        Map<Integer, Page> pages = new HashMap<>();
        for (Page page : p.document().pages()) pages.putIfAbsent(page.number(), page);
        int embedded = 0;
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
            String input = EmbeddingInput.of(title, c.heading(), c.text());
            // The key is the exact text embedded, so a hit is the vector this model gives that text.
            String key = cache == null ? null : EmbeddingCache.hash(input);
            float[] vector = key == null ? null : cache.get(cacheModel, key, embedder.dimensions());
            if (vector == null) vector = indexed.apply(input);
            if (vector == null) {
                if (asRead != null) requireUnchanged(asRead);
                vector = embedder.embedPassage(input);
                embedded++;
                if (key != null) cache.put(cacheModel, key, vector);
            }
            // Where the chunk is on its page, kept for the source viewer's highlight (PDF text layers).
            Page page = pages.get(c.page());
            String regions = page == null ? "" : PageRegions.encode(PageRegions.of(page, c.startOffset(), c.endOffset()));
            out.add(new IndexedChunk(path, title, c.page(), c.heading(), c.ordinal(),
                    c.startOffset(), c.endOffset(), c.text(), vector, regions));
        }
        return new Embedded(out, embedded);
    }
}
