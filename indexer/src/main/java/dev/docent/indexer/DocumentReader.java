package dev.docent.indexer;

import dev.docent.indexer.extract.ExtractedDocument;
import dev.docent.indexer.extract.ExtractionException;
import dev.docent.indexer.extract.FileAccess;
import dev.docent.indexer.extract.PageOcr;
import dev.docent.indexer.extract.TextExtractor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Reads a catalogued file again for whoever shows its text ({@code get_document}, the source
 * viewer), the way a sync reads it: the configured extractor (OCR of scanned pages as
 * {@code indexing.ocr} says, the very instance the sync uses), under the {@link Watchdog}'s time
 * limit on a thread of its own, after the {@link FileAccess} checks (a regular file, no link,
 * within {@code indexing.max_file_mb}), and checked again afterwards for a swap meanwhile.
 *
 * <p>Which folder a file must lie in: the one the catalog recorded it in, taken as recorded. The
 * walk records real paths (links resolved in the watched folders, none followed below them), so
 * a catalogued file whose real path is not exactly its catalogued path has had a link put on its
 * way since, and is refused. The rule needs no list of watched folders, which a read-only indexer
 * ({@code docent mcp}, {@code ask}) does not have, and is at least as strict as "inside the
 * watched folders" for serve.
 */
final class DocumentReader {

    /** Reads at once; more wait (OCR of a scan takes every core it is given). */
    private static final int CONCURRENT = 2;

    private final Supplier<TextExtractor> extractor;
    private final IndexingLimits limits;
    private final Watchdog watchdog;
    private final Semaphore slots = new Semaphore(CONCURRENT, true);

    private DocumentReader(Supplier<TextExtractor> extractor, IndexingLimits limits) {
        this.extractor = extractor;
        this.limits = limits;
        this.watchdog = new Watchdog(limits.timePerFile());
    }

    /** The extractor a sync under {@code limits} reads with. */
    static TextExtractor extractor(IndexingLimits limits) {
        return new TextExtractor(TextExtractor.DEFAULT_MAX_CHARACTERS,
                PageOcr.fromSetting(limits.ocr(), limits.ocrLanguages(), limits.timePerFile()));
    }

    /** Reading with the sync's own extractor. */
    static DocumentReader sharing(TextExtractor extractor, IndexingLimits limits) {
        return new DocumentReader(() -> extractor, limits);
    }

    /** For a read-only indexer: the extractor (and tesseract's check) is made at the first read. */
    static DocumentReader lazy(IndexingLimits limits) {
        return new DocumentReader(new Supplier<>() {
            private TextExtractor made;

            @Override
            public synchronized TextExtractor get() {
                if (made == null) made = extractor(limits);
                return made;
            }
        }, limits);
    }

    /** The text of the file at {@code cataloguedPath}; the exception's message says why not, in words. */
    ExtractedDocument read(String cataloguedPath) throws ExtractionException {
        Path file = Path.of(cataloguedPath);
        Path folder = file.getParent();
        if (folder == null) throw new ExtractionException("is not a file in a folder");
        FileAccess access = new FileAccess(List.of(folder), limits.maxFileBytes());
        FileAccess.Snapshot before = access.check(file); // regular, no link, size, real path inside folder's real path
        try {
            // The folder itself as recorded: a link on the way there since the walk takes the file elsewhere.
            if (!folder.toRealPath().equals(folder)) throw ExtractionException.retryable(FileAccess.OUTSIDE, null);
        } catch (IOException e) {
            throw ExtractionException.retryable("cannot read its folder: " + e.getMessage(), e);
        }
        TextExtractor reading;
        try {
            reading = extractor.get();
        } catch (IllegalArgumentException e) { // a bad indexing.ocr setting, met at the first read
            throw new ExtractionException(e.getMessage(), e);
        }
        Watchdog.Result<Read> r;
        try {
            slots.acquire();
            try {
                r = watchdog.call(() -> {
                    try {
                        return new Read(reading.extract(file), null);
                    } catch (ExtractionException e) { // the file's own failure, not a crash
                        return new Read(null, e);
                    }
                });
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExtractionException.retryable("stopped before it was read", e);
        }
        if (r.failure() != null) throw new ExtractionException(r.failure());
        if (r.value().failure() != null) throw r.value().failure();
        access.checkUnchanged(file, before);
        return r.value().document();
    }

    private record Read(ExtractedDocument document, ExtractionException failure) {}
}
