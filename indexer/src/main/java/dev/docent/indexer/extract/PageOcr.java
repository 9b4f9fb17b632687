package dev.docent.indexer.extract;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the text of a page image with tesseract, keeping where each word is. Used ONLY for PDF
 * pages without a text layer: the page is rendered by PDFBox and the picture, not the untrusted
 * file, goes to {@code tesseract}. tesseract runs directly, asked for its TSV output, rather than
 * through Tika's parser: Tika hands back only the text, and the source viewer needs each word's
 * box to highlight a citation on a scanned page as it does on a text page.
 */
public final class PageOcr {

    private static final Logger log = LoggerFactory.getLogger(PageOcr.class);
    private static final String TESSERACT = "tesseract";
    /** The language tesseract reads (Debian's tesseract-ocr installs eng), as Tika's default was. */
    private static final String LANGUAGE = "eng";

    private final int timeoutSeconds;

    private PageOcr(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * The OCR to use for setting {@code indexing.ocr}: {@code off} gives none; {@code auto} (the
     * default) gives OCR when {@code tesseract} is on the PATH and runs, none otherwise. Each call
     * to tesseract is bounded by {@code timePerFile}.
     */
    public static PageOcr fromSetting(String setting, Duration timePerFile) {
        String mode = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        if (mode.equals("off")) return null;
        if (!mode.equals("auto")) {
            throw new IllegalArgumentException("indexing.ocr must be auto or off, not '" + setting + "'");
        }
        if (!tesseractOnPath()) {
            log.info("OCR is off: tesseract is not installed (Debian: apt-get install tesseract-ocr); "
                    + "scanned PDF pages are reported as needing OCR");
            return null;
        }
        var ocr = new PageOcr((int) Math.max(1, Math.min(Integer.MAX_VALUE, timePerFile.toSeconds())));
        try {
            ocr.run(List.of(TESSERACT, "--version"), null);
            return ocr;
        } catch (IOException e) {
            log.warn("OCR is off: tesseract is on the PATH but does not run ({})", e.getMessage());
            return null;
        }
    }

    /** Whether an executable {@code tesseract} is on the PATH. */
    public static boolean tesseractOnPath() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, TESSERACT).canExecute()) return true;
        }
        return false;
    }

    /** The page's paragraphs, each with the boxes of its words. */
    List<Block> read(BufferedImage page) throws IOException {
        Path dir = Files.createTempDirectory("docent-ocr-");
        try {
            Path png = dir.resolve("page.png");
            ImageIO.write(page, "png", png.toFile());
            // tesseract IMAGE OUTBASE -l eng tsv writes OUTBASE.tsv
            run(List.of(TESSERACT, png.toString(), dir.resolve("page").toString(), "-l", LANGUAGE, "tsv"), dir);
            String tsv = Files.readString(dir.resolve("page.tsv"), StandardCharsets.UTF_8);
            return TesseractTsv.blocks(tsv, page.getWidth(), page.getHeight());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Runs tesseract within the time limit. One OpenMP thread: OCR runs while the embedder uses the
     * same cores, and two spinning pools would slow both. Its messages go to a file in {@code dir}
     * (or are dropped) so that no pipe can fill and stall it.
     */
    private void run(List<String> command, Path dir) throws IOException {
        var builder = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Path messages = dir == null ? null : dir.resolve("messages.txt");
        builder.redirectError(messages == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(messages.toFile()));
        Process p = builder.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IOException("tesseract took longer than " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the indexer's shutdown or the per-file watchdog
            throw new InterruptedIOException("OCR was stopped");
        } finally {
            if (p.isAlive()) p.destroyForcibly();
        }
        if (p.exitValue() != 0) {
            String said = messages != null && Files.exists(messages) ? Files.readString(messages).strip() : "";
            if (said.length() > 300) said = said.substring(said.length() - 300);
            throw new IOException("tesseract failed (exit " + p.exitValue() + ")" + (said.isEmpty() ? "" : ": " + said));
        }
    }
}
