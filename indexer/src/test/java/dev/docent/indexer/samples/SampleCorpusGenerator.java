package dev.docent.indexer.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Generates every binary sample document from {@code sample-corpus/src/NAME.EXT.txt} into a folder. */
public final class SampleCorpusGenerator {

    private SampleCorpusGenerator() {}

    /** Writes all generated documents into {@code outDir}; returns their file names. */
    public static List<String> generate(Path srcDir, Path outDir) throws IOException {
        List<String> written = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> s = Files.list(srcDir)) {
            sources = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        for (Path source : sources) {
            String name = source.getFileName().toString().replaceFirst("\\.txt$", "");
            String ext = name.substring(name.lastIndexOf('.') + 1);
            SourceDocument doc = SourceDocument.read(source);
            Path out = outDir.resolve(name);
            switch (ext) {
                case "pdf" -> PdfWriter.write(doc, out);
                case "docx" -> OfficeWriter.docx(doc, out);
                case "pptx" -> OfficeWriter.pptx(doc, out);
                case "xlsx" -> OfficeWriter.xlsx(doc, out);
                case "odt" -> ZipFormatsWriter.odt(doc, out);
                case "epub" -> ZipFormatsWriter.epub(doc, out);
                default -> throw new IllegalArgumentException("no writer for ." + ext + " (" + source + ")");
            }
            written.add(name);
        }
        return written;
    }
}
