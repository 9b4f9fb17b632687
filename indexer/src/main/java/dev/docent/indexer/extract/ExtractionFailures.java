package dev.docent.indexer.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.UnsupportedFormatException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.metadata.Metadata;
import org.xml.sax.SAXException;

/** Turns what a parser threw into a reason a user can act on. */
final class ExtractionFailures {

    static final String ENCRYPTED = "encrypted: the file is password-protected; save an unprotected copy to index it";

    /** Extensions of binary formats: if such a file parses as plain text, it is damaged. */
    private static final Set<String> BINARY_EXTENSIONS = Set.of(
            "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "doc", "xls", "ppt", "msg", "zip");

    private ExtractionFailures() {}

    /** Why Tika could not parse the file. I/O errors may pass (retryable); the rest is the content's. */
    static ExtractionException describe(Exception e, Metadata metadata) {
        if (e instanceof ZeroByteFileException) return new ExtractionException("empty file (0 bytes)", e);
        if (e instanceof EncryptedDocumentException) return new ExtractionException(ENCRYPTED, e);
        if (e instanceof UnsupportedFormatException) {
            return new ExtractionException("unsupported format: " + firstLine(e), e);
        }
        String bomb = zipBomb(e);
        if (bomb != null) return new ExtractionException(bomb, e);
        if (e instanceof TikaException t) return new ExtractionException(describeTikaFailure(t, metadata), e);
        if (e instanceof SAXException) return new ExtractionException("unreadable content: " + firstLine(e), e);
        if (e instanceof IOException io) return FileAccess.failure(io, true);
        // Parsers of broken files throw all sorts; the walk must go on.
        return new ExtractionException("parser crashed on this file (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + firstLine(e)) + ")", e);
    }

    /** The zip-bomb guards of POI and Tika, in words; null if {@code e} is not theirs. */
    private static String zipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            // POI's guard (where Tika leaves it on) and Tika's own output/input check
            if (m.contains("Zip bomb detected") || m.contains("MAX_ENTRY_SIZE") || m.startsWith("Suspected zip bomb")) {
                return "zip bomb: " + firstLine(t);
            }
        }
        return null;
    }

    static void rejectDisguisedText(Path file, String contentType) throws ExtractionException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (BINARY_EXTENSIONS.contains(ext) && contentType != null && contentType.startsWith("text/")) {
            throw new ExtractionException("corrupt: this ." + ext + " file holds plain text, not a ." + ext
                    + " document (damaged or misnamed)");
        }
    }

    static String noTextReason(String contentType) {
        if (contentType != null && contentType.startsWith("application/pdf")) {
            return "no extractable text: the PDF has no text layer (a scan?); OCR it first, e.g. with ocrmypdf";
        }
        if (contentType != null && contentType.startsWith("image/")) {
            return "no extractable text: " + contentType + " is an image";
        }
        return "no extractable text" + (contentType == null ? "" : " (" + contentType + ")");
    }

    private static String describeTikaFailure(TikaException e, Metadata metadata) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException
                    || root.getClass().getSimpleName().contains("Encrypted")) {
                return ENCRYPTED;
            }
        }
        String type = metadata.get(Metadata.CONTENT_TYPE);
        return "corrupt or unreadable" + (type == null ? "" : " " + type) + ": " + firstLine(root);
    }

    static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
