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

    /** Share of control bytes (NUL, BEL, …; not tab, line ends, form feed or ESC) above which bytes are no text. */
    private static final double MAX_CONTROL_BYTES = 0.02;
    /** Bits per byte above which bytes are random, compressed or encrypted: text in any encoding stays well below. */
    private static final double MAX_TEXT_ENTROPY = 7.5;
    /** Fewer bytes than this say too little about their entropy. */
    private static final int ENTROPY_SAMPLE = 4096;

    /**
     * Why the bytes of a file a parser read as text are no text, or null. Random bytes named .txt
     * decode as Latin-1 or windows-1252 into mostly printable characters, so the character count
     * above misses them (they once became 11,804 chunks of junk); their bytes do not: about 11 % are
     * control bytes, and their entropy is near 8 bits a byte. Real text, in any single- or multi-byte
     * encoding, has next to no control bytes (the files of corpus-messy: none, EBCDIC 0.1 %) and an
     * entropy of 3 to 6.5 bits. UTF-16 and UTF-32 (half their bytes are NULs for Latin text) are
     * judged by their characters only.
     *
     * @param encoding the character set the parser decoded with (Tika's Content-Encoding), or null
     */
    static String bytesReason(Path file, String encoding) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF);
        } catch (IOException e) {
            return null; // the parser read it; nothing more to say
        }
        if (head.length == 0) return null;
        if (wideEncoding(head, encoding)) return wideTextReason(head, encoding);
        int control = 0;
        int[] counts = new int[256];
        for (byte b : head) {
            counts[b & 0xff]++;
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) || b == 0x7f) control++;
        }
        if (control > head.length * MAX_CONTROL_BYTES) {
            return "binary data, not text (" + Math.round(100.0 * control / head.length) + " % control bytes)";
        }
        if (head.length >= ENTROPY_SAMPLE && entropy(counts, head.length) > MAX_TEXT_ENTROPY) {
            return "random or compressed data, not text (its bytes are as varied as noise)";
        }
        return null;
    }

    /** Share of characters that no text uses (unassigned, private use, lone surrogates, controls) above which it is noise. */
    private static final double MAX_STRANGE_CHARACTERS = 0.05;

    /**
     * UTF-16 or UTF-32 text is judged by its characters: random bytes decoded as UTF-16 (Tika's
     * guess for them) give about a fifth of unassigned, private-use and surrogate code units;
     * text in any script, next to none.
     */
    private static String wideTextReason(byte[] head, String encoding) {
        java.nio.charset.Charset charset;
        try {
            charset = encoding != null ? java.nio.charset.Charset.forName(encoding.trim())
                    : head[0] == (byte) 0xFE ? java.nio.charset.StandardCharsets.UTF_16BE : java.nio.charset.StandardCharsets.UTF_16LE;
        } catch (RuntimeException e) {
            return null;
        }
        int[] text = new String(head, charset).codePoints().toArray(); // pairs (emoji) are one code point
        int strange = 0;
        for (int c : text) {
            int type = Character.getType(c);
            if (c == '\uFFFD' || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || (type == Character.CONTROL && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b)) {
                strange++;
            }
        }
        if (strange <= text.length * MAX_STRANGE_CHARACTERS) return null;
        return "random or binary data, not text (" + Math.round(100.0 * strange / text.length)
                + " % of its characters as " + charset.name() + " are unassigned, private-use or control characters)";
    }

    private static boolean wideEncoding(byte[] head, String encoding) {
        if (encoding != null && encoding.toUpperCase(java.util.Locale.ROOT).matches("UTF-?(16|32).*")) return true;
        return head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE));
    }

    /** Shannon entropy of the byte counts, in bits per byte. */
    private static double entropy(int[] counts, int n) {
        double bits = 0;
        for (int c : counts) {
            if (c == 0) continue;
            double p = (double) c / n;
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
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
