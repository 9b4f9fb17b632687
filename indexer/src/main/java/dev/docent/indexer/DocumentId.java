package dev.docent.indexer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A catalogued document's id as clients see it: the first 16 hex digits of the SHA-256 of its path.
 * Derived, not stored, so every citation ever written (conversations included) carries one without
 * a schema change, and it stays the same while the file is edited and indexed again. Routes take
 * this id and look the document up in the catalog; a path from a request is never opened.
 */
public final class DocumentId {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");

    private DocumentId() {}

    /** The id of the document at {@code path} (a catalog path, as indexed). */
    public static String of(String path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    /** Whether {@code id} has an id's form (anything else, a path say, names no document). */
    public static boolean isWellFormed(String id) {
        return id != null && FORM.matcher(id).matches();
    }
}
