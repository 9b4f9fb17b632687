package dev.docent.indexer.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sample document's source: {@code title: …} on the first line, then pages separated by
 * {@code === page ===}. In a page, {@code # } starts a heading, {@code - } a bullet, {@code ## sheet: }
 * a spreadsheet sheet whose following lines are tab-separated rows; other lines are paragraphs.
 */
record SourceDocument(String title, List<List<Element>> pages) {

    enum Kind { HEADING, PARAGRAPH, BULLET, SHEET, ROW }

    record Element(Kind kind, String text) {}

    static SourceDocument read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.getFirst().startsWith("title: ")) {
            throw new IllegalArgumentException(file + " must start with 'title: '");
        }
        String title = lines.getFirst().substring("title: ".length()).strip();
        List<List<Element>> pages = new ArrayList<>();
        List<Element> page = new ArrayList<>();
        boolean inSheet = false;
        for (String line : lines.subList(1, lines.size())) {
            if (line.equals("=== page ===")) {
                pages.add(page);
                page = new ArrayList<>();
            } else if (line.startsWith("## sheet: ")) {
                page.add(new Element(Kind.SHEET, line.substring("## sheet: ".length()).strip()));
                inSheet = true;
            } else if (line.isBlank()) {
                // paragraph separator; nothing to keep
            } else if (inSheet) {
                page.add(new Element(Kind.ROW, line));
            } else if (line.startsWith("# ")) {
                page.add(new Element(Kind.HEADING, line.substring(2).strip()));
            } else if (line.startsWith("- ")) {
                page.add(new Element(Kind.BULLET, line.substring(2).strip()));
            } else {
                page.add(new Element(Kind.PARAGRAPH, line.strip()));
            }
        }
        pages.add(page);
        return new SourceDocument(title, pages);
    }
}
