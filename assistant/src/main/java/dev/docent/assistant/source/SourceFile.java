package dev.docent.assistant.source;

import dev.docent.indexer.DocumentId;
import dev.docent.indexer.catalog.DocumentRecord;
import java.nio.file.Path;

/**
 * A catalogued document and how its file is now.
 *
 * @param id the document's id ({@link DocumentId})
 * @param record what the catalog knows
 * @param state {@code unchanged}, {@code changed} (since it was indexed) or {@code missing}
 * @param problem what is wrong with the file in words, or null when unchanged
 * @param pdf whether the file is a PDF (pages can be rendered)
 */
public record SourceFile(String id, DocumentRecord record, String state, String problem, boolean pdf) {

    public Path path() {
        return Path.of(record.path());
    }

    public boolean missing() {
        return "missing".equals(state);
    }

    public boolean changed() {
        return "changed".equals(state);
    }
}
