package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random bytes named as a text type are refused with a reason; real text in the usual encodings
 * and kinds is read. (The odd encodings of ../shared/corpus-messy: MessyCorpusTest.)
 */
class NotTextSnifferTest {

    private static final String GERMAN = "Die Übergabe der Schlüssel erfolgt am Freitag. Größere Mängel sind sofort zu melden; "
            + "für Schäden an Türen und Fenstern haftet der Mieter nur bei grober Fahrlässigkeit.\n";
    private static final String FRENCH = "L'été dernier, nous avons visité la forêt près du château. Les élèves ont reçu "
            + "leurs diplômes à la cérémonie où l'on a célébré leur réussite.\n";

    @ParameterizedTest
    @ValueSource(strings = {"noise.txt", "noise.csv", "noise.md", "noise.log", "noise.html"})
    void randomBytesNamedAsTextAreRefused(String name, @TempDir Path tmp) throws Exception {
        long seed = name.hashCode();
        byte[] noise = new byte[1 << 20];
        new Random(seed).nextBytes(noise);
        Path file = Files.write(tmp.resolve(name), noise);
        var e = assertThrows(ExtractionException.class, () -> new TextExtractor().extract(file), "seed " + seed);
        System.out.printf("%s: %s%n", name, e.getMessage());
        assertTrue(e.getMessage().contains("not text"), e.getMessage());
    }

    @Test
    void realTextInTheUsualEncodingsAndKindsIsRead(@TempDir Path tmp) throws Exception {
        var extractor = new TextExtractor();
        assertRead(extractor, write(tmp, "de-utf8.txt", GERMAN.repeat(200), StandardCharsets.UTF_8, false), "Schlüssel");
        assertRead(extractor, write(tmp, "fr-latin1.txt", FRENCH.repeat(200), StandardCharsets.ISO_8859_1, false), "château");
        assertRead(extractor, write(tmp, "fr-cp1252.txt", FRENCH.repeat(200), Charset.forName("windows-1252"), false), "forêt");
        assertRead(extractor, write(tmp, "de-utf16le.txt", GERMAN.repeat(200), StandardCharsets.UTF_16LE, true), "Schlüssel");
        assertRead(extractor, write(tmp, "de-utf16be.txt", GERMAN.repeat(200), StandardCharsets.UTF_16BE, true), "Schlüssel");
        assertRead(extractor, write(tmp, "ledger.csv", ("date,amount,payee,note\n" + "2025-03-01,12.50,Bäckerei Müller,\"Brot, Brötchen\"\n"
                + "2025-03-02,830.00,Stadtwerke,Strom März\n").repeat(300), StandardCharsets.UTF_8, false), "Stadtwerke");
        assertRead(extractor, write(tmp, "Main.java", ("/** Prints the sum. */\npublic final class Main {\n    public static void main(String[] args) {\n"
                + "        int sum = 0;\n        for (String a : args) sum += Integer.parseInt(a);\n        System.out.println(sum);\n    }\n}\n")
                .repeat(100), StandardCharsets.UTF_8, false), "parseInt");
        assertRead(extractor, write(tmp, "emoji-utf16.txt", "Gut gemacht 👍 und danke 🙏 für alles.\n".repeat(300),
                StandardCharsets.UTF_16LE, true), "danke");
        assertRead(extractor, write(tmp, "zh-utf16.txt", "供应商应遵守本行为准则，并确保其员工了解相关要求。\n".repeat(300),
                StandardCharsets.UTF_16LE, true), "行为准则");
        assertRead(extractor, write(tmp, "colours.log", ("\u001b[32mINFO\u001b[0m request served in 12 ms\n").repeat(2000),
                StandardCharsets.UTF_8, false), "request served"); // terminal colours: ESC is no junk
    }

    private static Path write(Path dir, String name, String text, Charset charset, boolean bom) throws Exception {
        byte[] body = text.getBytes(charset);
        byte[] mark = !bom ? new byte[0] : charset == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                : new byte[] {(byte) 0xFE, (byte) 0xFF};
        byte[] all = new byte[mark.length + body.length];
        System.arraycopy(mark, 0, all, 0, mark.length);
        System.arraycopy(body, 0, all, mark.length, body.length);
        return Files.write(dir.resolve(name), all);
    }

    private static void assertRead(TextExtractor extractor, Path file, String word) throws Exception {
        ExtractedDocument doc = extractor.extract(file);
        String text = String.join("\n", doc.pages().stream().map(Page::text).toList());
        assertTrue(text.contains(word), file.getFileName() + " lost '" + word + "': " + text.substring(0, Math.min(200, text.length())));
    }
}
