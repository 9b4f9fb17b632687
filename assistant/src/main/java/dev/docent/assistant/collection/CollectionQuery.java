package dev.docent.assistant.collection;

import java.util.Objects;
import java.util.Optional;

/**
 * A question about the collection, ready to be answered from the catalog: list or count the
 * documents whose subject, folder, file type and time match. {@code subject} is what is left of
 * the question once the intent words, stop words and filters are removed, singular ("invoice",
 * "Rechnung", "facture"), or empty when the question names only documents or files in general.
 */
public record CollectionQuery(
        Kind kind, String subject, Optional<String> folder, Optional<FileType> fileType, Optional<TimeRange> time) {

    public enum Kind {
        /** "list all invoices", "which documents changed", "what is in the contracts folder" */
        LIST,
        /** "how many invoices", "wie viele Rechnungen", "combien de factures" */
        COUNT
    }

    public CollectionQuery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(fileType, "fileType");
        Objects.requireNonNull(time, "time");
    }
}
