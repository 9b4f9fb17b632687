package dev.docent.indexer.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells binary data read as text from text, on the first {@link #SNIFF} characters a parser
 * produces. A 500 MB sparse file of NULs named .txt was once indexed as one chunk of replacement
 * characters; real text has next to no NULs, control or replacement characters.
 */
final class NotTextSniffer {

    /** Characters looked at. */
    static final int SNIFF = 65_536;

    private int seen;
    private int junk;
    private int undecodable;

    /** Counts junk among the first characters; true once enough were seen to call it binary. */
    boolean add(char[] ch, int start, int length) {
        if (seen >= SNIFF) return false;
        int end = start + Math.min(length, SNIFF - seen);
        for (int i = start; i < end; i++) {
            char c = ch[i];
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || (c >= 0x7f && c <= 0x9f)) {
                junk++;
            } else if (c == '\uFFFD') {
                junk++;
                undecodable++;
            }
        }
        seen += end - start;
        return seen >= SNIFF && mostlyJunk();
    }

    /** Over 30 % junk in what was seen. */
    boolean mostlyJunk() {
        return seen > 0 && junk * 10L > seen * 3L;
    }

    /**
     * Why this is not text: NULs and control bytes in the file itself mean binary data, whatever
     * the decoder made of them; otherwise the characters did not decode (a wrong or unknown encoding).
     */
    String reason(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF);
            int control = 0;
            for (byte b : head) {
                if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7f) control++;
            }
            if (control * 10L > head.length * 6L) return "binary data, not text"; // UTF-16 text has at most half
        } catch (IOException e) {
            // fall back on what the characters say
        }
        return undecodable * 2 > junk ? "unreadable text: mostly characters that do not decode (wrong or unknown encoding)"
                : "binary data, not text";
    }
}
