package dev.docent.indexer.extract;

import java.time.Instant;
import java.util.Calendar;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

/**
 * Author and creation time as a file states them: a PDF's document information (Author,
 * CreationDate), or Tika's metadata (dc:creator, else meta:author / Author; dcterms:created).
 * What a file states may be wrong or absent; nothing is guessed from the text.
 */
final class FileMetadata {

    /** Longer author fields are cut: some tools put a whole address there. */
    static final int MAX_AUTHOR = 200;
    /** Creation times outside these are a tool's placeholder (0, 1601, 1904...) or corrupt. */
    private static final Instant EARLIEST = Instant.parse("1970-01-02T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2101-01-01T00:00:00Z");

    private FileMetadata() {}

    static String author(PDDocumentInformation info) {
        return info == null ? null : author(info.getAuthor());
    }

    static Instant created(PDDocumentInformation info) {
        if (info == null) return null;
        try {
            Calendar c = info.getCreationDate();
            return c == null ? null : plausible(c.toInstant());
        } catch (RuntimeException e) { // a malformed date string
            return null;
        }
    }

    static String author(Metadata metadata) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : new String[] {TikaCoreProperties.CREATOR.getName(), "meta:author", "Author"}) {
            for (String v : metadata.getValues(key)) {
                String a = author(v);
                if (a != null) names.add(a);
            }
            if (!names.isEmpty()) break;
        }
        return names.isEmpty() ? null : author(String.join("; ", names));
    }

    static Instant created(Metadata metadata) {
        try {
            var d = metadata.getDate(TikaCoreProperties.CREATED);
            return d == null ? null : plausible(d.toInstant());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String author(String raw) {
        if (raw == null) return null;
        String a = BlockCollector.normalise(raw).strip();
        if (a.isEmpty()) return null;
        return a.length() > MAX_AUTHOR ? a.substring(0, MAX_AUTHOR) : a;
    }

    /** The time, unless it is before 1970-01-02 or after 2100 (a placeholder or a corrupt field). */
    private static Instant plausible(Instant t) {
        return t.isBefore(EARLIEST) || !t.isBefore(LATEST) ? null : t;
    }
}
