package dev.docent.llm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {

    private static String feed(StopStrings s, String... pieces) {
        StringBuilder out = new StringBuilder();
        for (String p : pieces) {
            out.append(s.add(p));
            if (s.stopped()) return out.toString();
        }
        return out.append(s.flush()).toString();
    }

    @Test
    void aStopStringSplitOverPiecesIsNeverPassedOnInPart() {
        var s = new StopStrings(List.of("</answer>"));
        assertEquals("Paris", s.add("Paris"));
        assertEquals("", s.add("</"), "held back: it may start the stop string");
        assertEquals("", s.add("ans"));
        assertEquals("", s.add("wer> and more"));
        assertTrue(s.stopped());
        assertEquals("", s.add("ignored"));
    }

    @Test
    void heldBackTextIsReleasedWhenItTurnsOutNotToBeAStopString() {
        assertEquals("a </b> c", feed(new StopStrings(List.of("</answer>")), "a </", "b> c"));
        assertEquals("ends with <", feed(new StopStrings(List.of("<stop>")), "ends with <"));
        var none = new StopStrings(List.of());
        assertEquals("as is", none.add("as is"));
        assertFalse(none.stopped());
    }

    @Test
    void theEarliestOfSeveralStopStringsWins() {
        assertEquals("one ", feed(new StopStrings(List.of("three", "two")), "one two three"));
        assertEquals("x", feed(new StopStrings(List.of("\n")), "x\ny"));
    }
}
