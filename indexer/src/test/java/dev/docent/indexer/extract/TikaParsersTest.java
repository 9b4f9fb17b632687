package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.tika.parser.AbstractExternalProcessParser;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ParserDecorator;
import org.apache.tika.parser.external.CompositeExternalParser;
import org.junit.jupiter.api.Test;

/**
 * Docent's Tika holds no parser that runs another program on a file (tesseract, ffmpeg, exiftool,
 * sox), and every other parser of Tika's default set. (That sample formats still extract is the
 * golden test's job.)
 */
class TikaParsersTest {

    @Test
    void noParserStartsAnotherProgramAndNoOtherParserIsLost() {
        List<Parser> ours = leaves(new TextExtractor().parser());
        List<Parser> stock = leaves(new AutoDetectParser());
        List<String> external = stock.stream().filter(TikaParsersTest::runsAProgram).map(p -> p.getClass().getName()).toList();
        System.out.println("left out of Tika's default set: " + external);
        assertFalse(external.isEmpty(), "Tika's default set has external parsers; this test must be able to see them");
        assertTrue(ours.stream().noneMatch(TikaParsersTest::runsAProgram),
                "external parsers: " + ours.stream().filter(TikaParsersTest::runsAProgram).toList());

        Set<String> expected = names(stock.stream().filter(p -> !runsAProgram(p)).toList());
        assertEquals(expected, names(ours));
        assertTrue(expected.contains("org.apache.tika.parser.pdf.PDFParser"));
    }

    private static boolean runsAProgram(Parser p) {
        return p instanceof AbstractExternalProcessParser || p instanceof CompositeExternalParser
                || p instanceof org.apache.tika.parser.external.ExternalParser
                || p instanceof org.apache.tika.parser.external2.ExternalParser
                || p.getClass().getName().contains("Tesseract");
    }

    /** Every parser inside composites and decorators (a composite of external parsers counts as one). */
    private static List<Parser> leaves(Parser root) {
        List<Parser> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Parser p, List<Parser> out) {
        if (p instanceof ParserDecorator d) {
            collect(d.getWrappedParser(), out);
        } else if (p instanceof CompositeParser c && !(p instanceof CompositeExternalParser)) {
            c.getAllComponentParsers().forEach(child -> collect(child, out));
        } else {
            out.add(p);
        }
    }

    private static Set<String> names(List<Parser> parsers) {
        Set<String> names = new TreeSet<>();
        parsers.forEach(p -> names.add(p.getClass().getName()));
        return names;
    }
}
