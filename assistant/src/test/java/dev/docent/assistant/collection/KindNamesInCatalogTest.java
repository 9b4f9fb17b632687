package dev.docent.assistant.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.catalog.DocumentQuery;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kind question reads from the catalog only the rows whose path or title may name the kind
 * (SQLite GLOB, {@link DocumentKinds#nameWords}), then {@link DocumentKinds#isOfKind} decides: the
 * SQL side must never lose a document the Java rule accepts, whatever the case, accents ("Vorfälle",
 * "Reçu", "PROCÈS-VERBAL") or separators ("compte_rendu") of its name, and must leave out most of
 * the others (or it would save nothing). Checked against the Java rule over every row, for every
 * kind, on names spelled at random (seeded; the seed is printed).
 */
class KindNamesInCatalogTest {

    private static final String[] OTHER = {"notes", "budget", "quarterly figures", "accounts payable", "travel plan",
        "hiring", "roadmap", "warehouse layout", "environment", "Bilanz", "Vorschau", "ébauche", "Übersicht"};
    private static final String[] SEPARATORS = {"-", "_", " ", ".", ""};
    private static final Map<Character, String> ACCENTED = Map.of('a', "aàâäáÄÀ", 'e', "eéèêëÉÈ", 'i', "iîïíÎ",
            'o', "oôöóÖÔ", 'u', "uùûüúÜ", 'c', "cçÇ", 'y', "yÿý", 'n', "nñ");

    @Test
    void theCatalogsNameMatchLosesNoDocumentOfAKindAndLeavesOutMostOthers(@TempDir Path tmp) {
        long seed = System.nanoTime();
        System.out.println("KindNamesInCatalogTest seed " + seed);
        Random random = new Random(seed);
        List<DocumentRecord> records = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (DocumentKinds.Kind k : DocumentKinds.kinds()) for (Set<String> set : k.words()) words.addAll(set);
        for (int i = 0; i < 3_000; i++) {
            boolean ofSomeKind = random.nextInt(3) == 0;
            String name = ofSomeKind ? spell(words.get(random.nextInt(words.size())), random)
                    : OTHER[random.nextInt(OTHER.length)];
            if (ofSomeKind && random.nextInt(4) == 0) { // a kind of two words ("Incident report", "Störfall-Bericht")
                name = spell(words.get(random.nextInt(words.size())), random) + SEPARATORS[random.nextInt(3)] + name;
            }
            String ext = random.nextInt(10) == 0 ? (random.nextBoolean() ? "EML" : "msg") : random.nextBoolean() ? "pdf" : "md";
            boolean inTitle = random.nextBoolean();
            String file = inTitle ? "doc" + i : name.replace(" ", SEPARATORS[random.nextInt(SEPARATORS.length)]) + "-" + i;
            String folder = random.nextInt(10) == 0 ? "/records/Rechnungen/" : "/records/" + OTHER[random.nextInt(OTHER.length)] + "/";
            records.add(new DocumentRecord(folder + file + "." + ext, 10, Instant.EPOCH, "h" + i, DocumentStatus.INDEXED, null,
                    inTitle ? (random.nextBoolean() ? name : name.toUpperCase(java.util.Locale.ROOT) + " 2024") : null,
                    1, 1, Instant.EPOCH));
        }
        try (Catalog catalog = Catalog.open(tmp.resolve("catalog.db"))) {
            catalog.commitBatch(records, List.of(), 1);
            for (DocumentKinds.Kind kind : DocumentKinds.kinds()) {
                Set<String> bySql = new HashSet<>();
                for (DocumentRecord r : catalog.query(DocumentQuery.all().naming(DocumentKinds.nameWords(kind)))) bySql.add(r.path());
                int ofKind = 0;
                for (DocumentRecord r : records) {
                    if (DocumentKinds.isOfKind(kind, Path.of(r.path()).getFileName().toString(), r.title())) {
                        ofKind++;
                        assertTrue(bySql.contains(r.path()), () -> kind.name() + ": the catalog lost " + r.path() + " titled "
                                + r.title() + " (seed " + seed + ")");
                    }
                }
                // the superset may hold a few more (a folder named Rechnungen, a word inside a longer one), not most rows
                assertTrue(bySql.size() <= ofKind + records.size() / 5,
                        kind.name() + ": " + bySql.size() + " rows read for " + ofKind + " of the kind (seed " + seed + ")");
            }
            assertEquals(records.size(), catalog.query(DocumentQuery.all()).size());
        }
    }

    /** {@code folded} as someone might write it: any letter in either case, vowels and c possibly accented. */
    private static String spell(String folded, Random random) {
        StringBuilder b = new StringBuilder();
        for (char c : folded.toCharArray()) {
            String forms = ACCENTED.get(c);
            char out = forms != null && random.nextInt(3) == 0 ? forms.charAt(random.nextInt(forms.length())) : c;
            b.append(random.nextInt(4) == 0 ? Character.toUpperCase(out) : out);
        }
        return b.toString();
    }
}
