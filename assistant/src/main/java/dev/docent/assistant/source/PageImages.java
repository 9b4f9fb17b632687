package dev.docent.assistant.source;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * PDF pages as PNG images for the source viewer, rendered by PDFBox (the library that read the
 * text, so the regions kept at extraction fall where the text is drawn) about 1200 pixels wide,
 * and cached under {@code DATA/cache/pages/ID/} by content hash: a page is rendered once per
 * version of its file, and a new version replaces the old renders.
 */
public final class PageImages {

    /** Wide enough to read body text on a laptop screen; a Letter page is about 150 KB. */
    static final int TARGET_WIDTH = 1200;
    /** No render larger than this (a poster-sized page is scaled down). */
    private static final long MAX_PIXELS = 12_000_000L;

    static {
        // Rendering uses Java2D; never a window, a dock icon or an X connection.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private final Path cache;
    /** Rendering is CPU-bound: two at a time on any machine, so answers are not starved. */
    private final Semaphore renders = new Semaphore(2);

    /** @param cache the folder renders are kept in ({@code DATA/cache/pages}) */
    public PageImages(Path cache) {
        this.cache = cache;
    }

    /**
     * Page {@code number} (1-based) of the document as PNG. NOT_FOUND when it is not a PDF or has
     * no such page, GONE when the file vanished, CHANGED when it differs from what was indexed.
     */
    public byte[] png(SourceFile f, int number, DocumentSources sources) throws SourceProblem, IOException, InterruptedException {
        if (!f.pdf()) throw new SourceProblem(SourceProblem.Kind.NOT_FOUND, "not a PDF: only PDF pages are rendered");
        if (f.missing()) throw new SourceProblem(SourceProblem.Kind.GONE, f.problem());
        if (f.changed()) throw new SourceProblem(SourceProblem.Kind.CHANGED, f.problem());
        int pages = f.record().pages();
        if (number < 1 || number > pages) {
            throw new SourceProblem(SourceProblem.Kind.NOT_FOUND,
                    "page " + number + " is outside the document, which has " + pages + (pages == 1 ? " page" : " pages"));
        }
        String version = f.record().sha256() == null ? "unhashed" : f.record().sha256().substring(0, 12);
        Path dir = cache.resolve(f.id());
        Path cached = dir.resolve(version + "-" + number + ".png");
        if (Files.isRegularFile(cached)) return Files.readAllBytes(cached);
        byte[] png;
        renders.acquire();
        try {
            png = render(sources.open(f), number);
        } finally {
            renders.release();
        }
        store(dir, cached, version, png);
        return png;
    }

    /** Renders from the channel {@link DocumentSources#open} gave (and closes it): the file is not opened again by name. */
    private static byte[] render(SeekableByteChannel file, int number) throws IOException, SourceProblem {
        try (PDDocument doc = Loader.loadPDF(new ChannelRead(file))) {
            if (number > doc.getNumberOfPages()) {
                throw new SourceProblem(SourceProblem.Kind.NOT_FOUND, "page " + number + " is outside the document");
            }
            PDPage page = doc.getPage(number - 1);
            boolean turned = page.getRotation() % 180 != 0;
            float width = turned ? page.getCropBox().getHeight() : page.getCropBox().getWidth();
            float height = turned ? page.getCropBox().getWidth() : page.getCropBox().getHeight();
            float scale = Math.clamp(TARGET_WIDTH / Math.max(1f, width), 0.25f, 4f);
            if ((double) width * height * scale * scale > MAX_PIXELS) scale = (float) Math.sqrt(MAX_PIXELS / ((double) width * height));
            BufferedImage image = new PDFRenderer(doc).renderImage(number - 1, scale, ImageType.RGB);
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
    }

    /** Keeps the render (written aside, then moved in place) and drops renders of older versions. */
    private static void store(Path dir, Path target, String version, byte[] png) {
        try {
            Files.createDirectories(dir);
            try (var old = Files.newDirectoryStream(dir, "*.png")) {
                for (Path p : old) if (!p.getFileName().toString().startsWith(version + "-")) Files.deleteIfExists(p);
            }
            Path tmp = Files.createTempFile(dir, "render", ".tmp");
            Files.write(tmp, png);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // A cache that cannot be written only costs a render next time.
        }
    }
}
