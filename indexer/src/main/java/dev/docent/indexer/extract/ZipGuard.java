package dev.docent.indexer.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Refuses a zip bomb before any parser unpacks it. Office and OpenDocument files, EPUBs and zip
 * archives are zips; Tika's container detection opens them without POI's guards (so a 1 MB .docx
 * that unpacks to 1 GB was read into memory whole), and OpenDocument never had them. This streams
 * every entry once through POI's {@link ZipSecureFile}, set up by {@link TikaParsers} (a part that
 * inflates over 100 times, or past {@link TikaParsers#MAX_PART_BYTES}, stops it), and throws
 * nothing away: the bytes are only counted. Damaged zips are left to the parser, whose reason is
 * more precise.
 */
final class ZipGuard {

    private ZipGuard() {}

    static void check(Path file) throws ExtractionException {
        if (!startsLikeZip(file)) return;
        try (var zip = new ZipSecureFile(file.toFile())) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("stopped");
                if (entry.isDirectory()) continue;
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
        } catch (IOException | RuntimeException e) {
            String bomb = ExtractionFailures.zipBomb(e);
            if (bomb != null) throw new ExtractionException(bomb, e);
            if (e instanceof InterruptedIOException) throw ExtractionException.retryable("extraction was stopped", e);
            // Not a bomb: a damaged or unusual zip. The parser will say what is wrong with it.
        }
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
