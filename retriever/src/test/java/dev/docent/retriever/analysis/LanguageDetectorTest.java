package dev.docent.retriever.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    @Test
    void tellsTheLanguagesItAnalyses() {
        assertEquals(Optional.of(Language.ENGLISH), LanguageDetector.detect("The door of the cold store is never left open for more than two minutes."));
        assertEquals(Optional.of(Language.GERMAN), LanguageDetector.detect("Die Tür eines Kühlraums darf nie länger als zwei Minuten offen stehen, weil sonst die Ware verdirbt."));
        assertEquals(Optional.of(Language.FRENCH), LanguageDetector.detect("La cantine est ouverte du lundi au vendredi et le café est gratuit pour tous les employés."));
        assertEquals(Optional.of(Language.CJK), LanguageDetector.detect("员工每年享有十五天带薪年假，需要提前两周申请 (HR portal)."));
        assertEquals(Optional.of(Language.CJK), LanguageDetector.detect("社員は毎年十五日の有給休暇を取得できます。"));
    }

    @Test
    void isUndecidedWithoutEnoughEvidence() {
        assertEquals(Optional.empty(), LanguageDetector.detect(""));
        assertEquals(Optional.empty(), LanguageDetector.detect("PK-3 Gripper 2026"));
        assertEquals(Optional.empty(), LanguageDetector.detect("12 345 678"));
    }
}
