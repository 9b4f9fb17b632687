package dev.docent.indexer.extract;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Refuses a zip bomb before any parser unpacks it. Office and OpenDocument files, EPUBs and zip
 * archives are zips, and Tika's container detection opens them without POI's guards (Tika even
 * turns POI's ratio check off), so a 1 MB .docx that unpacks to 1 GB was read into memory whole;
 * OpenDocument never had a guard. This inflates every entry once, counting bytes and keeping none:
 * an XML part that inflates more than {@link #MAX_XML_RATIO} times (POI's own default: parsers
 * build XML parts into memory) or any part beyond {@link #MAX_PART_BYTES} stops it. Other parts may
 * pack better (an embedded EMF picture or OLE object can pack 130:1 and is no bomb).
 *
 * <p>A zip can be read two ways, and parsers use both: through its central directory (the index
 * at the end) or entry by entry through the local headers in front of each entry's data (what a
 * streaming reader does, and what POI and Tika fall back on when the directory is damaged). The two
 * may disagree: a directory cut off or leaving an entry out hides a bomb from the first way only
 * (a 2.5 MB .docx with its directory cut off unpacked to 2.4 GB and an out-of-memory error). So
 * both are checked under the same limits, and a zip whose directory cannot be read is refused as
 * "archive unreadable" unless its local headers read cleanly from first entry to last.
 */
final class ZipGuard {

    /** An XML part may inflate to at most this many times the bytes it was read from. */
    static final int MAX_XML_RATIO = 100;
    /** Below this size a part is not judged by its ratio (small XML packs very well). */
    private static final long GRACE_BYTES = 100 * 1024;
    /**
     * No part may inflate beyond this. .docx and .pptx parts are read into POI's document model,
     * about 6 bytes of memory per byte of XML, before any text comes out (Tika's streaming .docx
     * reader would avoid that, but renders lists, tables and comments differently).
     */
    static final long MAX_PART_BYTES = 128L * 1024 * 1024;
    private static final Set<String> XML_PARTS = Set.of("xml", "rels", "xhtml", "html", "htm", "opf", "ncx", "svg");

    private ZipGuard() {}

    static void check(Path file) throws ExtractionException {
        if (!startsLikeZip(file)) return;
        String directoryProblem = checkCentralDirectory(file);
        String streamProblem = checkLocalHeaders(file);
        if (directoryProblem != null && streamProblem != null) {
            throw new ExtractionException("archive unreadable: " + directoryProblem + "; reading it entry by entry: "
                    + streamProblem);
        }
        // A readable directory with a damaged tail (or the reverse) is left to the parser, whose
        // reason is more precise: every entry either way of reading reaches was within the limits.
    }

    /** Inflates every entry the central directory lists; null, or why the directory cannot be read. */
    private static String checkCentralDirectory(Path file) throws ExtractionException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                if (entry.isDirectory()) continue;
                try (InputStream in = zip.getInputStream(entry)) {
                    inflate(entry.getName(), in, (InputStreamStatistics) in);
                }
            }
            return null;
        } catch (ExtractionException e) {
            throw e;
        } catch (InterruptedIOException e) {
            throw ExtractionException.retryable("extraction was stopped", e);
        } catch (IOException | RuntimeException e) {
            return "its central directory cannot be read (" + ExtractionFailures.firstLine(e) + ")";
        }
    }

    /**
     * Inflates every entry met through the local headers, as a streaming reader meets them; null,
     * or why reading stopped before the end.
     */
    private static String checkLocalHeaders(Path file) throws ExtractionException {
        try (var zip = new ZipArchiveInputStream(new BufferedInputStream(Files.newInputStream(file)), "UTF-8", true, true)) {
            while (true) {
                ZipArchiveEntry entry;
                try {
                    entry = zip.getNextEntry();
                } catch (EOFException e) {
                    return null; // the file ends after a whole entry (no directory follows): nothing more to unpack
                }
                if (entry == null) return null;
                if (!entry.isDirectory()) inflate(entry.getName(), zip, zip);
            }
        } catch (ExtractionException e) {
            throw e;
        } catch (InterruptedIOException e) {
            throw ExtractionException.retryable("extraction was stopped", e);
        } catch (IOException | RuntimeException e) {
            return ExtractionFailures.firstLine(e);
        }
    }

    /** Reads one entry's bytes to the end, counting them, until a limit is crossed. */
    private static void inflate(String name, InputStream in, InputStreamStatistics stats) throws IOException, ExtractionException {
        boolean xml = XML_PARTS.contains(extension(name));
        byte[] buf = new byte[1 << 16];
        while (in.read(buf) >= 0) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("stopped");
            long out = stats.getUncompressedCount();
            if (out > MAX_PART_BYTES) {
                throw new ExtractionException("zip bomb: " + name + " unpacks to more than "
                        + MAX_PART_BYTES / (1024 * 1024) + " MB; refused before it was unpacked");
            }
            if (xml && out > GRACE_BYTES && out > MAX_XML_RATIO * Math.max(1, stats.getCompressedCount())) {
                throw new ExtractionException("zip bomb: " + name + " unpacks to over " + MAX_XML_RATIO
                        + " times its packed size; refused before it was unpacked");
            }
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsLikeZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }
}
