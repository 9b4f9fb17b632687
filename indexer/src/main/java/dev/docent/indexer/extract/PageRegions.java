package dev.docent.indexer.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * The regions of a page that a span of its text covers: one rectangle per line, page-relative and
 * normalised to 0..1 from the top-left corner. Stored with each chunk in a compact text form
 * ({@link #encode}: {@code "x,y,w,h;..."} in ten-thousandths of the page, about 20 bytes a line)
 * and drawn by the source viewer over the rendered page.
 */
public final class PageRegions {

    /** Ten-thousandths of the page: finer than a pixel at any sensible zoom, four digits a number. */
    private static final float SCALE = 10_000f;

    private PageRegions() {}

    /** A rectangle, normalised to the page: left, top, width, height in 0..1. */
    public record Region(double x, double y, double width, double height) {}

    /**
     * The lines {@code [start, end)} of {@code page}'s text ({@link Page#text()}) covers; empty when
     * the page's text has no positions (not a PDF text layer, OCR).
     */
    public static List<Region> of(Page page, int start, int end) {
        List<float[]> boxes = new ArrayList<>();
        int offset = 0;
        for (Block b : page.blocks()) {
            int blockEnd = offset + b.text().length();
            if (b.boxes() != null && offset < end && blockEnd > start) {
                b.boxes().overlapping(start - offset, end - offset, boxes);
            }
            offset = blockEnd + Page.BLOCK_SEPARATOR.length();
            if (offset >= end) break;
        }
        return lines(boxes);
    }

    /** Joins word boxes, in reading order, into one rectangle per line. */
    private static List<Region> lines(List<float[]> boxes) {
        List<Region> out = new ArrayList<>();
        float[] line = null;
        for (float[] b : boxes) {
            if (line != null && sameLine(line, b)) {
                line[0] = Math.min(line[0], b[0]);
                line[1] = Math.min(line[1], b[1]);
                line[2] = Math.max(line[2], b[2]);
                line[3] = Math.max(line[3], b[3]);
                continue;
            }
            if (line != null) out.add(region(line));
            line = b.clone();
        }
        if (line != null) out.add(region(line));
        return out;
    }

    /** Whether {@code b} continues {@code line}: to its right, overlapping it by half its height. */
    private static boolean sameLine(float[] line, float[] b) {
        float overlap = Math.min(line[3], b[3]) - Math.max(line[1], b[1]);
        float height = Math.min(line[3] - line[1], b[3] - b[1]);
        return overlap > height / 2 && b[0] >= line[0] - 0.01f;
    }

    private static Region region(float[] r) {
        return new Region(r[0], r[1], r[2] - r[0], r[3] - r[1]);
    }

    /** The compact stored form: {@code "x,y,w,h"} per region in ten-thousandths, {@code ;} between; "" for none. */
    public static String encode(List<Region> regions) {
        var sb = new StringBuilder(regions.size() * 20);
        for (Region r : regions) {
            if (!sb.isEmpty()) sb.append(';');
            sb.append(n(r.x())).append(',').append(n(r.y())).append(',').append(n(r.width())).append(',').append(n(r.height()));
        }
        return sb.toString();
    }

    /** Reads {@link #encode}'s form back; a malformed entry is skipped (the highlight is an aid, not data). */
    public static List<Region> decode(String stored) {
        List<Region> out = new ArrayList<>();
        if (stored == null || stored.isEmpty()) return out;
        for (String part : stored.split(";")) {
            String[] v = part.split(",");
            if (v.length != 4) continue;
            try {
                out.add(new Region(d(v[0]), d(v[1]), d(v[2]), d(v[3])));
            } catch (NumberFormatException skipped) {
                // an entry from a future format: ignore it
            }
        }
        return out;
    }

    private static String n(double v) {
        return Integer.toString(Math.round((float) Math.clamp(v, 0, 1) * SCALE));
    }

    private static double d(String s) {
        return Integer.parseInt(s.strip()) / (double) SCALE;
    }
}
