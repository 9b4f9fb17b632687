package dev.docent.assistant.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A small model's reply to "does this document match? yes or no", read by its first word. */
class YesNoTest {

    @Test
    void aClearYesOrNoInAnyOfTheLanguagesIsRead() {
        for (String yes : new String[] {"yes", "Yes.", " YES", "**Yes**, it does", "\"yes\"", "Ja", "ja, das Dokument",
                "Oui.", "sí", "Yes\nbecause"}) {
            assertEquals(YesNo.Verdict.YES, YesNo.parse(yes), yes);
        }
        for (String no : new String[] {"no", "No.", "NO", "- No, it is about parking", "Nein", "non", "Non, pas du tout",
                "nope", "`no`"}) {
            assertEquals(YesNo.Verdict.NO, YesNo.parse(no), no);
        }
    }

    @Test
    void anythingElseIsUnsureSoTheDocumentIsKept() {
        for (String other : new String[] {"", "   ", "...", "Once upon a time, Lily", "The document mentions", "Maybe",
                "N/A", "Y", "nothing", "Nobody knows", "yesterday", "none", "not really", "1", null}) {
            assertEquals(YesNo.Verdict.UNSURE, YesNo.parse(other), String.valueOf(other));
        }
    }
}
