package dev.docent.web.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExtractiveQuoteTest {

    @Test
    void theQuoteIsTheSentenceSharingMostWordsWithTheQuestion() {
        String passage = "Welcome to the handbook, which explains a great many things in some detail. "
                + "Every employee receives 27 days of paid annual leave per calendar year. "
                + "Parking is free for everyone who works at the site every day.";
        String q = Extractive.bestQuote(passage, Sentences.words("How many days of annual leave do employees get?"), false);
        assertEquals("Every employee receives 27 days of paid annual leave per calendar year.", q);
    }

    @Test
    void aShortBestSentenceBringsItsSuccessorAndParagraphBreaksEndSentences() {
        String passage = "Greeting,\n\nE-42: lidar obstruction. Clean the lidar window and restart the row.";
        String q = Extractive.bestQuote(passage, Sentences.words("What does E-42 mean?"), false);
        assertEquals("E-42: lidar obstruction. Clean the lidar window and restart the row.", q);
    }

    @Test
    void aQuestionAskingForAQuantityPrefersTheSentenceWithTheNumber() {
        String passage = "The PK-3 Picker is an autonomous fruit-harvesting robot for orchards. It weighs 340 kg without bins.";
        String question = "How much does the PK-3 Picker weigh?";
        assertTrue(Sentences.asksForNumber(question));
        assertEquals("It weighs 340 kg without bins.",
                Extractive.bestQuote(passage, Sentences.words(question), Sentences.asksForNumber(question)));
        // Without the preference the name-repeating sentence wins: the bias is what picks the number.
        assertEquals("The PK-3 Picker is an autonomous fruit-harvesting robot for orchards.",
                Extractive.bestQuote(passage, Sentences.words(question), false));
        assertTrue(!Sentences.asksForNumber("Who is the landlord of Unit 7?"));
        assertTrue(!Sentences.asksForNumber("Which VPN client should I use when working from home?"));
        assertTrue(Sentences.asksForNumber("When does the headquarters move?"));
    }

    @Test
    void snippetsOfLongPassagesShowTheQuote() {
        String passage = "filler words ".repeat(80) + "The key sentence is here. " + "more filler ".repeat(80);
        String s = Extractive.snippet(passage, "The key sentence is here.");
        assertTrue(s.contains("The key sentence is here."), s);
        assertTrue(s.length() <= 424, "snippet too long: " + s.length());
    }
}
