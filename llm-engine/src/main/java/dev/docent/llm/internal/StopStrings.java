package dev.docent.llm.internal;

import java.util.List;

/**
 * Finds stop strings in streamed text. Text that could be the start of a stop string is held back
 * until the next piece shows whether it is one, so a stop string split over several tokens (or
 * SSE chunks) is never passed on in part. Used by both generators: the local one stops decoding,
 * the remote one closes the stream (servers that ignore {@code stop} are held to it too).
 */
public final class StopStrings {

    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;

    public StopStrings(List<String> stops) {
        this.stops = List.copyOf(stops);
    }

    /** The text that may be passed on now that {@code piece} arrived; "" once a stop string was seen. */
    public String add(String piece) {
        if (stopped) return "";
        if (stops.isEmpty()) return piece;
        pending.append(piece);
        int at = -1;
        for (String s : stops) {
            int i = pending.indexOf(s);
            if (i >= 0 && (at < 0 || i < at)) at = i;
        }
        if (at >= 0) {
            stopped = true;
            String out = pending.substring(0, at);
            pending.setLength(0);
            return out;
        }
        int safe = pending.length() - heldBack();
        String out = pending.substring(0, safe);
        pending.delete(0, safe);
        return out;
    }

    /** Whether a stop string has appeared: the caller stops generating. */
    public boolean stopped() {
        return stopped;
    }

    /** At the end of a reply that met no stop string: the text still held back. */
    public String flush() {
        String out = pending.toString();
        pending.setLength(0);
        return out;
    }

    /** Length of the longest end of the pending text that begins some stop string. */
    private int heldBack() {
        int len = pending.length();
        for (int k = Math.min(len, longest() - 1); k > 0; k--) {
            String tail = pending.substring(len - k);
            for (String s : stops) if (s.startsWith(tail)) return k;
        }
        return 0;
    }

    private int longest() {
        int n = 0;
        for (String s : stops) n = Math.max(n, s.length());
        return n;
    }
}
