package dev.docent.retriever;

import dev.docent.retriever.lucene.ChunkIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BM25 over German, French, Chinese and English chunks in one index, each analysed in its language. */
class MultilingualSearchTest {

    @TempDir
    Path dir;

    private ChunkIndex index;

    private void add(String path, String title, String text) {
        index.replaceDocument(path, List.of(new IndexedChunk(path, title, 0, "", 0, 0, text.length(), text, ChunkIndexTest.unit(4, 0))));
    }

    @BeforeEach
    void corpus() {
        index = ChunkIndex.open(dir);
        add("/de-kuehl.txt", "Lagerordnung", "In den Kühlräumen des Lagers müssen alle Mitarbeiter gefütterte Handschuhe tragen. "
                + "Die Tür eines Kühlraums darf nie länger als zwei Minuten offen stehen.");
        add("/de-urlaub.txt", "Urlaub", "Jeder Mitarbeiter hat im Jahr dreißig Urlaubstage. Der Urlaub wird bei der Personalabteilung beantragt.");
        add("/de-fuss.txt", "Reinigung", "Die Fußböden der Werkstatt werden jeden Freitag von einer Reinigungsfirma gewischt.");
        add("/fr-securite.txt", "Atelier", "La sécurité des employés est notre priorité. Les lunettes de protection sont obligatoires dans l'atelier.");
        add("/fr-cantine.txt", "Cantine", "La cantine est ouverte du lundi au vendredi et le café est gratuit pour tous les employés.");
        add("/zh-leave.txt", "年假", "员工每年享有十五天带薪年假，年假需要提前两周向人事部申请。");
        add("/zh-canteen.txt", "食堂", "公司食堂每天中午十二点开放，员工可以免费喝咖啡。");
        add("/en-cafeteria.txt", "Cafeteria", "The cafeteria opens at seven and the coffee is free for every employee.");
        add("/en-gloves.txt", "Cold store", "Workers in the cold store wear lined gloves; the door is never left open for more than two minutes.");
        index.commit();
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        index.close();
    }

    private String top(String query) {
        List<Hit> hits = index.search(query, null, 3, SearchMode.BM25);
        assertFalse(hits.isEmpty(), "nothing found for " + query);
        return hits.getFirst().path();
    }

    @Test
    void germanQueriesMatchWithOrWithoutUmlautsAndInOtherFormsOfACompound() {
        assertEquals("/de-kuehl.txt", top("Handschuhe im Kühlraum?"));
        assertEquals("/de-kuehl.txt", top("Kuehlraeume"));
        assertEquals("/de-kuehl.txt", top("kuhlraum"));
        assertEquals("/de-fuss.txt", top("Wann werden die Fussboeden gewischt?"));
        assertEquals("/de-fuss.txt", top("Fußboden"));
        assertEquals("/de-urlaub.txt", top("Wie viele Urlaubstage hat ein Mitarbeiter?"));
    }

    @Test
    void frenchQueriesMatchWithAndWithoutDiacritics() {
        assertEquals("/fr-securite.txt", top("sécurité des employés"));
        assertEquals("/fr-securite.txt", top("securite des employes"));
        assertEquals("/fr-securite.txt", top("Faut-il des lunettes dans l’atelier ?"));
        assertEquals("/fr-cantine.txt", top("Quand la cantine est-elle ouverte ?"));
    }

    @Test
    void chineseQueriesMatchOnBigramsWithoutSpaces() {
        assertEquals("/zh-leave.txt", top("每年有多少天年假？"));
        assertEquals("/zh-canteen.txt", top("食堂几点开放"));
    }

    @Test
    void englishStillStemsAndFoldsAccents() {
        assertEquals("/en-gloves.txt", top("which gloves do workers wear in the cold stores"));
        assertEquals("/en-cafeteria.txt", top("when does the cafeteria open"));
        // English text with an accent is found by the bare spelling, and the reverse.
        index.replaceDocument("/en-resume.txt", List.of(new IndexedChunk("/en-resume.txt", "Hiring", 0, "", 0, 0, 10,
                "Send your résumé and a short letter to the hiring team.", ChunkIndexTest.unit(4, 0))));
        index.commit();
        assertEquals("/en-resume.txt", top("where do I send my resume"));
    }
}
