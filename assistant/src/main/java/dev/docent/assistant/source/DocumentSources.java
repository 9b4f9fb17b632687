package dev.docent.assistant.source;

import dev.docent.indexer.DocumentId;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.extract.ExtractionException;
import dev.docent.indexer.extract.FileAccess;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Catalogued documents by id: the only way the viewer reaches a file. An id is looked up in the
 * catalog (a map from id to catalog path, rebuilt when an id is not in it); whatever a request
 * says is never used as a path. The file is then checked as the indexer checks it before reading
 * ({@link FileAccess}: a regular file, no link, inside the watched folders) and compared with
 * what was indexed. Its content is read only through {@link #open}: once, from the watched folder
 * down, following no link ({@link ContainedFile}).
 */
public final class DocumentSources {

    /** At most one catalog scan a second, however many unknown ids arrive. */
    private static final long REBUILD_EVERY_MS = 1000;

    private final Indexer indexer;
    private final Supplier<List<Path>> folders;
    private final Map<String, String> paths = new ConcurrentHashMap<>();
    private long rebuiltAt;

    public DocumentSources(Indexer indexer, Supplier<List<Path>> folders) {
        this.indexer = indexer;
        this.folders = folders;
    }

    /** The document with {@code id}, with the state of its file; NOT_FOUND if the catalog has none. */
    public SourceFile find(String id) throws SourceProblem {
        SourceProblem unknown = new SourceProblem(SourceProblem.Kind.NOT_FOUND,
                "no document with id " + (DocumentId.isWellFormed(id) ? id : "like that") + " in the catalog");
        DocumentRecord r = record(id).orElseThrow(() -> unknown);
        return withState(id, r);
    }

    /** The catalog's record of the document with {@code id}, if any (a catalog scan at most once a second). */
    public Optional<DocumentRecord> record(String id) {
        if (!DocumentId.isWellFormed(id)) return Optional.empty();
        String path = paths.get(id);
        if (path == null) {
            rebuild();
            path = paths.get(id);
        }
        return path == null ? Optional.empty() : indexer.document(path);
    }

    private synchronized void rebuild() {
        long now = System.currentTimeMillis();
        if (now - rebuiltAt < REBUILD_EVERY_MS) return;
        rebuiltAt = now;
        for (DocumentRecord r : indexer.documents()) paths.putIfAbsent(DocumentId.of(r.path()), r.path());
    }

    private SourceFile withState(String id, DocumentRecord r) {
        Path file = Path.of(r.path());
        List<Path> roots = folders.get();
        try {
            if (roots.isEmpty()) throw ExtractionException.retryable("no folder is being watched", null);
            FileAccess.Snapshot now = new FileAccess(roots, Long.MAX_VALUE).check(file);
            boolean same = now.size() == r.size() && r.modified() != null
                    && now.modified().toEpochMilli() == r.modified().toEpochMilli();
            return new SourceFile(id, r, same ? "unchanged" : "changed", same ? null
                    : "the file changed since it was indexed: Docent reads it again, and the passage may have moved",
                    looksLikePdf(file, roots));
        } catch (ExtractionException e) {
            return new SourceFile(id, r, "missing", "the file is no longer available (" + e.getMessage() + ")",
                    r.path().toLowerCase(Locale.ROOT).endsWith(".pdf"));
        }
    }

    /** As the extractor decides: a PDF header in the first kilobyte. */
    private static boolean looksLikePdf(Path file, List<Path> roots) {
        try (var in = Channels.newInputStream(ContainedFile.open(file, roots))) {
            return new String(in.readNBytes(1024), java.nio.charset.StandardCharsets.ISO_8859_1).contains("%PDF-");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The file opened for reading, if it may be read now: GONE when it vanished or became something
     * the indexer would not read. The file is opened once, without following a link anywhere below
     * its watched folder ({@link ContainedFile}); read it from this channel, never again by name.
     */
    public SeekableByteChannel open(SourceFile f) throws SourceProblem {
        if (f.missing()) throw new SourceProblem(SourceProblem.Kind.GONE, f.problem());
        try {
            return ContainedFile.open(f.path(), folders.get());
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "vanished"
                    : e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.toString();
            throw new SourceProblem(SourceProblem.Kind.GONE, "the file is no longer available (" + why + ")");
        }
    }

    Indexer indexer() {
        return indexer;
    }
}
