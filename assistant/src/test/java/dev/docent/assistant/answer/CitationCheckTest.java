package dev.docent.assistant.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CitationCheckTest {

    @Test
    void citationsToSourcesThatDoNotExistAreReplacedAndReported() {
        var r = CitationCheck.check("Leave is 27 days [1]. Parking is free [7]. Both hold [2, 9][3].", 3);
        assertEquals("Leave is 27 days [1]. Parking is free [?]. Both hold [2][3].", r.answer());
        assertEquals(List.of(1, 2, 3), r.cited());
        assertEquals(1, r.notes().size());
        assertTrue(r.notes().getFirst().contains("[7, 9]"), r.notes().toString());
    }

    @Test
    void anAnswerWithoutCitationsIsFlagged() {
        var r = CitationCheck.check("The documents do not say.", 2);
        assertEquals(List.of(), r.cited());
        assertTrue(r.notes().getFirst().contains("cites no source"));
    }

    @Test
    void validCitationsPassUnchanged() {
        var r = CitationCheck.check("A [1][2]. B [2].", 2);
        assertEquals("A [1][2]. B [2].", r.answer());
        assertEquals(List.of(1, 2), r.cited());
        assertEquals(List.of(), r.notes());
    }
}
