package dev.docent.web.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnswererQuoteTest {

    @Test
    void theQuoteIsTheSentenceSharingMostWordsWithTheQuestion() {
        String passage = "Welcome to the handbook, which explains a great many things in some detail. "
                + "Every employee receives 27 days of paid annual leave per calendar year. "
                + "Parking is free for everyone who works at the site every day.";
        String q = Answerer.bestQuote(passage, Sentences.words("How many days of annual leave do employees get?"));
        assertEquals("Every employee receives 27 days of paid annual leave per calendar year.", q);
    }

    @Test
    void aShortBestSentenceBringsItsSuccessorAndParagraphBreaksEndSentences() {
        String passage = "Greeting,\n\nE-42: lidar obstruction. Clean the lidar window and restart the row.";
        String q = Answerer.bestQuote(passage, Sentences.words("What does E-42 mean?"));
        assertEquals("E-42: lidar obstruction. Clean the lidar window and restart the row.", q);
    }

    @Test
    void snippetsOfLongPassagesShowTheQuote() {
        String passage = "filler words ".repeat(80) + "The key sentence is here. " + "more filler ".repeat(80);
        String s = Answerer.snippet(passage, "The key sentence is here.");
        assertTrue(s.contains("The key sentence is here."), s);
        assertTrue(s.length() <= 424, "snippet too long: " + s.length());
    }
}
