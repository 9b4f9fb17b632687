package dev.docent.assistant.collection;

import dev.docent.indexer.catalog.NameWords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a document IS, as opposed to what it mentions: "list all invoices" wants the invoices, not
 * the accounts-payable procedure that explains how invoices are paid, nor the purchase order that
 * says "the supplier sends its invoice after delivery". A document is of a kind when its file name
 * or its title names the kind, in any of the three languages (an invoice is usually called
 * "Invoice …", "Rechnung …", "Facture …", or is filed as invoice-2024-03.pdf). Kinds of two words
 * ("incident report") are matched before their head noun, so quality reports are not incident
 * reports; a modifier that every document of the kind has ("meeting minutes") is left to the caller
 * as an optional word.
 *
 * <p>The table is closed and small on purpose, like {@link DocumentNouns}: each row is one kind
 * with the words (folded, singular and plural) that name it in English, German and French, and
 * the file extensions that are that kind whatever their name (an .eml file is an email).
 */
final class DocumentKinds {

    /** One kind: the words of its name (each a set of equivalents), and extensions that are this kind. */
    record Kind(String name, List<Set<String>> words, Set<String> extensions) {}

    private static final List<Kind> KINDS = new ArrayList<>();
    /** Folded word → the kinds whose last (head) word it is one of. */
    private static final Map<String, List<Kind>> BY_HEAD = new HashMap<>();

    static {
        kind("invoice", "invoice invoices bill bills rechnung rechnungen facture factures");
        kind("incident report", "incident incidents vorfall vorfalle storfall storfalle",
                "report reports bericht berichte rapport rapports");
        kind("incident report", "vorfallbericht vorfallberichte storfallbericht storfallberichte");
        kind("minutes", "minutes protokoll protokolle proces-verbal proces-verbaux compte-rendu comptes-rendus");
        kind("contract", "contract contracts agreement agreements vertrag vertrage contrat contrats licence license");
        kind("report", "report reports bericht berichte rapport rapports");
        kind("letter", "letter letters brief briefe lettre lettres");
        kind("email", "email emails e-mail e-mails mail mails courriel courriels", ext("eml msg"));
        kind("receipt", "receipt receipts quittung quittungen beleg belege recu recus");
        kind("quotation", "quotation quotations quote quotes offer offers angebot angebote devis offre offres");
        kind("order", "order orders bestellung bestellungen auftrag auftrage commande commandes");
        kind("policy", "policy policies richtlinie richtlinien politique politiques");
        kind("manual", "manual manuals handbook handbooks handbuch handbucher anleitung anleitungen manuel manuels guide guides");
        kind("memo", "memo memos notiz notizen note notes");
        kind("presentation", "presentation presentations prasentation prasentationen", ext("pptx ppt odp"));
        kind("spreadsheet", "spreadsheet spreadsheets tabelle tabellen tableur tableurs", ext("xlsx xls ods csv"));
    }

    private DocumentKinds() {}

    private static Set<String> ext(String list) {
        return Set.of(list.split(" "));
    }

    private static void kind(String name, String head) {
        kind(name, List.of(head), Set.of());
    }

    private static void kind(String name, String head, Set<String> extensions) {
        kind(name, List.of(head), extensions);
    }

    private static void kind(String name, String modifier, String head) {
        kind(name, List.of(modifier, head), Set.of());
    }

    private static void kind(String name, List<String> words, Set<String> extensions) {
        List<Set<String>> sets = words.stream().map(w -> Set.copyOf(List.of(w.split(" ")))).toList();
        Kind k = new Kind(name, sets, extensions);
        KINDS.add(k);
        for (String w : sets.getLast()) BY_HEAD.computeIfAbsent(w, x -> new ArrayList<>()).add(k);
    }

    /**
     * The kind a subject names and the words left over, e.g. "incident report" → (incident report, []),
     * "invoice Northwind" → (invoice, [Northwind]), "Northwind battery" → none.
     */
    static Found find(String subject) {
        List<String> words = new ArrayList<>(List.of(subject.strip().split("\\s+")));
        words.removeIf(String::isBlank);
        for (int i = 0; i < words.size(); i++) {
            String head = Folding.fold(words.get(i));
            // the longest kind whose head word is here and whose modifiers stand right before it
            Kind best = null;
            for (Kind k : BY_HEAD.getOrDefault(head, List.of())) {
                int n = k.words().size();
                if (i - (n - 1) < 0) continue;
                boolean fits = true;
                for (int j = 0; j < n - 1; j++) {
                    if (!k.words().get(j).contains(Folding.fold(words.get(i - (n - 1) + j)))) fits = false;
                }
                if (fits && (best == null || n > best.words().size())) best = k;
            }
            if (best != null) {
                List<String> rest = new ArrayList<>(words.subList(0, i - (best.words().size() - 1)));
                rest.addAll(words.subList(i + 1, words.size()));
                return new Found(best, rest);
            }
        }
        return new Found(null, words);
    }

    /** Every kind of the table, in its order. */
    static List<Kind> kinds() {
        return List.copyOf(KINDS);
    }

    /** A subject split into its kind (or null) and the other words. */
    record Found(Kind kind, List<String> rest) {}

    /**
     * What the catalog can match of {@code kind} on its own: each word set, and the extensions. A
     * superset of {@link #isOfKind} (any path or title that holds the words, accents and case
     * ignored), so reading only those rows loses no document of the kind.
     */
    static NameWords nameWords(Kind kind) {
        return new NameWords(kind.words(), kind.extensions());
    }

    /** Compiled once: a kind question tests thousands of rows (String.split compiled these per call). */
    private static final Pattern NAME_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern TITLE_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}'-]+");

    /** Whether a document with this file name and title is of {@code kind}. */
    static boolean isOfKind(Kind kind, String fileName, String title) {
        Set<String> tokens = new LinkedHashSet<>();
        String name = Folding.fold(fileName);
        int dot = name.lastIndexOf('.');
        if (dot > 0 && kind.extensions().contains(name.substring(dot + 1))) return true;
        for (String t : NAME_SEPARATORS.split(name)) tokens.add(t);
        if (title != null) for (String t : TITLE_SEPARATORS.split(Folding.fold(title))) tokens.add(t);
        // compounds written with a hyphen in a title ("Compte-rendu") and split in a file name
        Set<String> joined = new LinkedHashSet<>(tokens);
        List<String> list = new ArrayList<>(tokens);
        for (int i = 0; i + 1 < list.size(); i++) joined.add(list.get(i) + "-" + list.get(i + 1));
        for (Set<String> word : kind.words()) {
            if (word.stream().noneMatch(joined::contains)) return false;
        }
        return true;
    }
}
