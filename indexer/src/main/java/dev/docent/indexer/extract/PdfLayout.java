package dev.docent.indexer.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one page's visual lines into blocks with the layout cues Tika's XHTML drops: a line set in
 * a larger (or bold) font than the page's body text is a heading, and a vertical gap larger than
 * the usual line spacing ends a paragraph. Lines of one paragraph are joined, so sentences that
 * wrap across lines stay whole for the chunker.
 */
final class PdfLayout {

    /** One visual line with the cues layout analysis needs, and its words' boxes. */
    record Line(String text, float size, boolean bold, float y, List<TextBoxes.Word> words) {

        Line(String text, float size, boolean bold, float y) {
            this(text, size, bold, y, List.of());
        }
    }

    private PdfLayout() {}

    /** Groups lines into heading and paragraph blocks. */
    static List<Block> blocks(List<Line> lines) {
        if (lines.isEmpty()) return List.of();
        float body = bodySize(lines);
        boolean bodyBold = lines.stream().filter(l -> Math.abs(l.size() - body) < 0.5f).allMatch(Line::bold);
        float gap = typicalGap(lines);
        List<Block> blocks = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        List<TextBoxes.Word> paraWords = new ArrayList<>();
        boolean paraIsHeading = false;
        Line previous = null;
        for (Line l : lines) {
            boolean heading = l.text().length() < 150
                    && (l.size() >= body * 1.2f || (l.bold() && !bodyBold && l.text().length() < 100));
            boolean newBlock = previous == null || heading != paraIsHeading
                    || (gap > 0 && Math.abs(l.y() - previous.y()) > gap * 1.35f);
            if (newBlock && !para.isEmpty()) {
                blocks.add(block(para, paraIsHeading, paraWords));
                para.setLength(0);
                paraWords.clear();
            }
            if (!para.isEmpty()) {
                // A hyphen at a line end usually splits a word ("sup-" + "plier").
                if (para.charAt(para.length() - 1) == '-' && para.length() > 1
                        && Character.isLowerCase(para.charAt(para.length() - 2))
                        && Character.isLowerCase(l.text().charAt(0))) {
                    para.setLength(para.length() - 1);
                } else {
                    para.append(' ');
                }
            }
            para.append(l.text());
            paraWords.addAll(l.words());
            paraIsHeading = heading;
            previous = l;
        }
        if (!para.isEmpty()) blocks.add(block(para, paraIsHeading, paraWords));
        blocks.removeIf(b -> b.text().isEmpty());
        return blocks;
    }

    private static Block block(CharSequence para, boolean heading, List<TextBoxes.Word> words) {
        String text = BlockCollector.normalise(para);
        return new Block(text, heading, TextBoxes.align(text, words));
    }

    /** The font size that carries the most characters on the page. */
    private static float bodySize(List<Line> lines) {
        Map<Float, Integer> weight = new HashMap<>();
        for (Line l : lines) weight.merge(Math.round(l.size() * 2) / 2f, l.text().length(), Integer::sum);
        return weight.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(10f);
    }

    /** The most common distance between consecutive lines: the line spacing within a paragraph. */
    private static float typicalGap(List<Line> lines) {
        Map<Float, Integer> counts = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            float d = Math.round(Math.abs(lines.get(i).y() - lines.get(i - 1).y()) * 2) / 2f;
            if (d > 0) counts.merge(d, 1, Integer::sum);
        }
        // Most frequent spacing; on a tie the smaller one (paragraph gaps are the larger).
        return counts.entrySet().stream().max((a, b) -> a.getValue().equals(b.getValue())
                        ? Float.compare(b.getKey(), a.getKey()) : Integer.compare(a.getValue(), b.getValue()))
                .map(Map.Entry::getKey).orElse(0f);
    }
}
