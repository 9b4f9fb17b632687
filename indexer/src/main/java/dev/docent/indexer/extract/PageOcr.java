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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
    /** Language names joined by +: also keeps anything else out of tesseract's arguments. */
    private static final Pattern LANGUAGES = Pattern.compile("[A-Za-z0-9_-]+(\\+[A-Za-z0-9_-]+)*");

    private final String languages;
    private final int timeoutSeconds;

    private PageOcr(String languages, int timeoutSeconds) {
        this.languages = languages;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * The OCR to use for setting {@code indexing.ocr}: {@code off} gives none; {@code auto} (the
     * default) gives OCR when {@code tesseract} is on the PATH and runs, none otherwise. It reads
     * {@code languages} ({@code indexing.ocr_languages}, tesseract's {@code -l}, e.g. {@code eng+deu}).
     * Each call to tesseract is bounded by {@code timePerFile}.
     *
     * @throws IllegalArgumentException for an unknown setting, or a language tesseract does not have
     *     here (the message says which package to install)
     */
    public static PageOcr fromSetting(String setting, String languages, Duration timePerFile) {
        String mode = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        if (mode.equals("off")) return null;
        if (!mode.equals("auto")) {
            throw new IllegalArgumentException("indexing.ocr must be auto or off, not '" + setting + "'");
        }
        String wanted = languages == null ? "" : languages.strip();
        if (!LANGUAGES.matcher(wanted).matches()) {
            throw new IllegalArgumentException("indexing.ocr_languages must be tesseract language names joined by +,"
                    + " e.g. eng or eng+deu, not '" + languages + "'");
        }
        if (!tesseractOnPath()) {
            log.info("OCR is off: tesseract is not installed (Debian: apt-get install tesseract-ocr); "
                    + "scanned PDF pages are reported as needing OCR");
            return null;
        }
        var ocr = new PageOcr(wanted, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timePerFile.toSeconds())));
        List<String> installed;
        try {
            installed = ocr.installedLanguages();
        } catch (IOException e) {
            log.warn("OCR is off: tesseract is on the PATH but does not run ({})", e.getMessage());
            return null;
        }
        List<String> missing = Arrays.stream(wanted.split("\\+")).filter(l -> !installed.contains(l)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("indexing.ocr_languages asks for " + String.join(", ", missing)
                    + ", which tesseract does not have here (it has " + String.join(", ", installed) + "). Install "
                    + String.join(" ", missing.stream().map(l -> "tesseract-ocr-" + l.toLowerCase(Locale.ROOT).replace('_', '-')).toList())
                    + " (Debian/Ubuntu package names), or change the setting");
        }
        return ocr;
    }

    /** The languages {@code tesseract --list-langs} names (its first line is a heading). */
    private List<String> installedLanguages() throws IOException {
        Path dir = Files.createTempDirectory("docent-ocr-");
        try {
            String out = run(List.of(TESSERACT, "--list-langs"), dir);
            return out.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
        } finally {
            deleteFolder(dir);
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
            // tesseract IMAGE OUTBASE -l LANGS tsv writes OUTBASE.tsv
            run(List.of(TESSERACT, png.toString(), dir.resolve("page").toString(), "-l", languages, "tsv"), dir);
            String tsv = Files.readString(dir.resolve("page.tsv"), StandardCharsets.UTF_8);
            return TesseractTsv.blocks(tsv, page.getWidth(), page.getHeight());
        } finally {
            deleteFolder(dir);
        }
    }

    private static void deleteFolder(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }

    /**
     * Runs tesseract within the time limit and returns what it printed. One OpenMP thread: OCR runs
     * while the embedder uses the same cores, and two spinning pools would slow both. Its output and
     * messages go to files in {@code dir}, so that no pipe can fill and stall it.
     */
    private String run(List<String> command, Path dir) throws IOException {
        Path output = dir.resolve("stdout.txt");
        Path messages = dir.resolve("stderr.txt");
        var builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectOutput(output.toFile()).redirectError(messages.toFile());
        builder.environment().put("OMP_THREAD_LIMIT", "1");
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
            String said = Files.exists(messages) ? Files.readString(messages).strip() : "";
            if (said.length() > 300) said = said.substring(said.length() - 300);
            throw new IOException("tesseract failed (exit " + p.exitValue() + ")" + (said.isEmpty() ? "" : ": " + said));
        }
        return Files.exists(output) ? Files.readString(output) : "";
    }
}
