package dev.docent.indexer.hostile;

import java.io.InputStream;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AbstractParser;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;

/**
 * Tika parsers that misbehave the way broken real parsers do, registered for test runs only
 * (META-INF/services in test resources). Each claims an obscure text type that Tika recognises by
 * its file name and no standard parser handles (a made-up type in a custom-mimetypes.xml was not
 * picked up by Tika 3.3.1's default registry): *.fly never returns and ignores interrupts
 * ({@link #HANG}), *.dcurl recurses until {@link StackOverflowError}, *.mcurl asks for an array the
 * JVM cannot give ({@link OutOfMemoryError}, thrown by the VM itself).
 */
public final class HostileParsers {

    /** Printed when a *.hang parse begins, so a test driving a child JVM knows the moment. */
    public static final String HANG_STARTED = "DOCENT-TEST-HANG-STARTED";

    /** File name endings that reach each parser. */
    public static final String HANG = ".fly";
    public static final String DEEP = ".dcurl";
    public static final String OOM = ".mcurl";

    private HostileParsers() {}

    public static final class Hang extends AbstractParser {
        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(MediaType.text("vnd.fly"));
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
            System.out.println(HANG_STARTED);
            System.out.flush();
            while (true) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ignored) {
                    // like a parser stuck in a loop: it never looks at the interrupt
                }
            }
        }
    }

    public static final class Deep extends AbstractParser {
        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(MediaType.text("vnd.curl.dcurl"));
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
            descend(0);
        }

        private static int descend(int depth) {
            return descend(depth + 1) + 1;
        }
    }

    public static final class Oom extends AbstractParser {
        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(MediaType.text("vnd.curl.mcurl"));
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
            long[] huge = new long[Integer.MAX_VALUE]; // "Requested array size exceeds VM limit"
            handler.getClass(); // keep the array live in the eyes of the compiler
            if (huge.length == 0) throw new IllegalStateException();
        }
    }
}
