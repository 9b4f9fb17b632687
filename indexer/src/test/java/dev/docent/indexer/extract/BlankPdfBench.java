package dev.docent.indexer.extract;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Time to extract a PDF of blank pages (no content, no image), the long PDF of the security
 * probes. Not a test: {@code BlankPdfBench FILE PAGES LABEL} writes FILE if it does not exist
 * (never commit it), extracts it once with {@link TextExtractor} and prints LABEL, the seconds and
 * the outcome (docs/benchmarks.md, "Long PDFs without page text").
 */
public final class BlankPdfBench {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        if (!Files.exists(file)) {
            try (PDDocument doc = new PDDocument()) {
                for (int i = 0, n = Integer.parseInt(args[1]); i < n; i++) doc.addPage(new PDPage());
                doc.save(file.toFile());
            }
        }
        long t0 = System.nanoTime();
        String outcome;
        try {
            outcome = new TextExtractor().extract(file).characterCount() + " characters";
        } catch (ExtractionException e) {
            outcome = e.getMessage();
        }
        System.out.printf("%s %.1f s: %s%n", args[2], (System.nanoTime() - t0) / 1e9, outcome);
    }
}
