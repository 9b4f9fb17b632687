package dev.docent.assistant.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.retriever.Hit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fusion of a follow-up's rankings, over rankings given by hand. */
class FollowUpSearchTest {

    private static Hit hit(String file, int ordinal) {
        return new Hit("/docs/" + file, file, 0, "", ordinal, 0, 10, "text of " + file, 0.5);
    }

    private static List<Turn> turns(String... questions) {
        List<Turn> out = new ArrayList<>();
        for (String q : questions) {
            out.add(new Turn(Turn.USER, q));
            out.add(new Turn(Turn.ASSISTANT, "an answer"));
        }
        return out;
    }

    @Test
    void aQuestionOnItsOwnIsOnePlainSearch() {
        List<String> asked = new ArrayList<>();
        var hits = FollowUpSearch.search(Question.of("Where is the pump?", 3), null, (q, k) -> {
            asked.add(q + "/" + k);
            return List.of(hit("a.txt", 0));
        });
        assertEquals(List.of("Where is the pump?/3"), asked);
        assertEquals(0.5, hits.getFirst().score(), "a plain search keeps the retriever's score");
    }

    @Test
    void aFollowUpSearchesWithTheConversationAndCountsItsOwnWordsByHowMuchTheySay() {
        var q = new Question("Where to?", turns("When does the office move?"), 5);
        assertEquals(List.of(new FollowUpSearch.Ranking("Where to? When does the office move?", 1.0),
                new FollowUpSearch.Ranking("When does the office move?", 0.5)), FollowUpSearch.rankings(q, null));
        var full = new Question("Which hardware keys are mandatory now?", turns("Older question", "Latest question"), 5);
        var r = FollowUpSearch.rankings(full, "condensed query");
        assertEquals("Which hardware keys are mandatory now? Latest question", r.get(0).query());
        assertEquals(new FollowUpSearch.Ranking("Which hardware keys are mandatory now?", 1.0), r.get(1));
        assertEquals(new FollowUpSearch.Ranking("Latest question", 0.5), r.get(2));
        assertEquals(new FollowUpSearch.Ranking("Older question", 0.25), r.get(3));
        assertEquals(new FollowUpSearch.Ranking("condensed query", 1.0), r.get(4));
        assertEquals(0.0, FollowUpSearch.selfContained("And what about them?"));
        assertEquals(0.5, FollowUpSearch.selfContained("And for part-timers?"));
    }

    @Test
    void aPassageFirstInTheStrongRankingsBeatsOneThatIsMerelyPresentEverywhere() {
        // "Where to?" alone is noise, so it does not take part; the expanded query and the earlier
        // question both rank the e-mail first, the safety notice third.
        Map<String, List<Hit>> rankings = Map.of(
                "Where to? When does the office move?", List.of(hit("move.eml", 0), hit("minutes.docx", 0), hit("safety.pdf", 1)),
                "When does the office move?", List.of(hit("move.eml", 0), hit("minutes.docx", 0), hit("safety.pdf", 1)));
        var q = new Question("Where to?", turns("When does the office move?"), 2);
        var hits = FollowUpSearch.search(q, null, (query, k) -> {
            assertTrue(rankings.containsKey(query), "unexpected query " + query);
            assertEquals(FollowUpSearch.DEPTH, k);
            return rankings.get(query);
        });
        assertEquals(List.of("move.eml", "minutes.docx"), hits.stream().map(Hit::title).toList());
        assertEquals(1.0, hits.getFirst().score(), 1e-9, "first everywhere scores 1");
        assertTrue(hits.get(1).score() < 1.0);
    }
}
