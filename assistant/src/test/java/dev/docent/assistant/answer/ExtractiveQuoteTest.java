package dev.docent.assistant.answer;

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

    @Test
    void chineseSentencesAreMatchedOnCharacterPairs() {
        String passage = "每批货物须附带出厂检验报告，报告由质量部门签字确认后方可随货发出。"
                + "紧急订单的交货期可缩短至十个工作日，但需另付百分之十五的加急费。"
                + "一般情况下，供应商应在收到订单后六周内交货，不得延误。";
        String q = Extractive.bestQuote(passage, Sentences.words("供应商收到订单后多久交货？"), false);
        assertEquals("一般情况下，供应商应在收到订单后六周内交货，不得延误。", q);
        assertTrue(Sentences.words("收到订单").containsAll(java.util.List.of("收到", "到订", "订单")));
    }

    @Test
    void germanAndFrenchQuantityQuestionsPreferTheSentenceWithTheNumber() {
        assertTrue(Sentences.asksForNumber("Wie viele Urlaubstage gibt es?"));
        assertTrue(Sentences.asksForNumber("Wann werden die Fußböden gewischt?"));
        assertTrue(Sentences.asksForNumber("Combien coûte le déjeuner ?"));
        assertTrue(!Sentences.asksForNumber("Wer ist der Ersthelfer?"));
    }
}
