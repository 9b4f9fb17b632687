package dev.docent.indexer.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Refuses a zip bomb before any parser unpacks it. Office and OpenDocument files, EPUBs and zip
 * archives are zips, and Tika's container detection opens them without POI's guards (Tika even
 * turns POI's ratio check off), so a 1 MB .docx that unpacks to 1 GB was read into memory whole;
 * OpenDocument never had a guard. This inflates every entry once, counting bytes and keeping none:
 * an XML part that inflates more than {@link #MAX_XML_RATIO} times (POI's own default: parsers
 * build XML parts into memory) or any part beyond {@link #MAX_PART_BYTES} stops it. Other parts may
 * pack better (an embedded EMF picture or OLE object can pack 130:1 and is no bomb). Damaged zips
 * are left to the parser, whose reason is more precise.
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
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                if (!entry.isDirectory()) inflate(zip, entry);
            }
        } catch (ExtractionException e) {
            throw e;
        } catch (InterruptedIOException e) {
            throw ExtractionException.retryable("extraction was stopped", e);
        } catch (IOException | RuntimeException e) {
            // Not a bomb: a damaged or unusual zip. The parser will say what is wrong with it.
        }
    }

    private static void inflate(ZipFile zip, ZipArchiveEntry entry) throws IOException, ExtractionException {
        boolean xml = XML_PARTS.contains(extension(entry.getName()));
        byte[] buf = new byte[1 << 16];
        try (InputStream in = zip.getInputStream(entry)) {
            var stats = (InputStreamStatistics) in;
            while (in.read(buf) >= 0) {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("stopped");
                long out = stats.getUncompressedCount();
                if (out > MAX_PART_BYTES) {
                    throw new ExtractionException("zip bomb: " + entry.getName() + " unpacks to more than "
                            + MAX_PART_BYTES / (1024 * 1024) + " MB; refused before it was unpacked");
                }
                if (xml && out > GRACE_BYTES && out > MAX_XML_RATIO * Math.max(1, stats.getCompressedCount())) {
                    throw new ExtractionException("zip bomb: " + entry.getName() + " unpacks to over " + MAX_XML_RATIO
                            + " times its packed size; refused before it was unpacked");
                }
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
