package dev.docent.indexer;

import dev.docent.embedder.Embedder;
import dev.docent.indexer.chunk.Chunk;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.ExtractionException;
import dev.docent.indexer.extract.TextExtractor;
import dev.docent.retriever.IndexedChunk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The per-file steps of indexing, split so extraction and embedding can overlap. */
final class DocumentPipeline {

    /** Files larger than this are not parsed: they are rarely documents and can exhaust memory. */
    static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

    private final TextExtractor extractor;
    private final Chunker chunker;
    private final Embedder embedder;
    private volatile java.util.function.BooleanSupplier pause = () -> false;

    DocumentPipeline(TextExtractor extractor, Chunker chunker, Embedder embedder) {
        this.extractor = extractor;
        this.chunker = chunker;
        this.embedder = embedder;
    }

    void pauseWhile(java.util.function.BooleanSupplier condition) {
        this.pause = condition;
    }

    /** A file extracted and chunked, not yet embedded. */
    record Prepared(ExtractedDocument document, List<Chunk> chunks) {}

    Prepared prepare(Path file, long size) throws ExtractionException {
        if (size > MAX_FILE_BYTES) {
            throw new ExtractionException("too large: " + size / (1024 * 1024) + " MB (limit "
                    + MAX_FILE_BYTES / (1024 * 1024) + " MB)");
        }
        ExtractedDocument doc = extractor.extract(file);
        return new Prepared(doc, chunker.chunk(doc));
    }

    List<IndexedChunk> embed(String path, Prepared p) {
        String title = p.document().title();
        List<IndexedChunk> out = new ArrayList<>(p.chunks().size());
        for (Chunk c : p.chunks()) {
            while (pause.getAsBoolean()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            // The title and heading give a bare paragraph the context a reader would have.
            String context = c.heading().isEmpty() ? title : title + " — " + c.heading();
            float[] vector = embedder.embedPassage(context + "\n" + c.text());
            out.add(new IndexedChunk(path, title, c.page(), c.heading(), c.ordinal(),
                    c.startOffset(), c.endOffset(), c.text(), vector));
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
