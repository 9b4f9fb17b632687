package dev.docent.assistant.collection;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The nouns that name documents, in English, German and French, and a light singular. A question
 * counts or lists documents only if its noun is one of these ("how many invoices"); "how many
 * days of annual leave" asks a fact. The list is closed on purpose: a missing noun makes a
 * collection question an ordinary one (retrieval still answers it, worse), while a noun too many
 * turns ordinary questions into counts, which is worse.
 *
 * <p>The singular is looked up for these nouns ("Verträge" → "Vertrag") and guessed for other
 * words: English and French drop a plural s (and -ies → -y, -aux → -al), German turns -ungen into
 * -ung and -eien into -ei. Irregular plurals outside the list stay as they are.
 */
final class DocumentNouns {

    private DocumentNouns() {}

    /** Nouns that mean "any document": they do not narrow the subject. */
    private static final Set<String> GENERIC = Set.of("document", "documents", "file", "files", "dokument",
            "dokumente", "datei", "dateien", "fichier", "fichiers", "everything", "anything", "alles", "tout",
            "item", "items");

    /** Folded plural or singular → singular as it is written; value equal to a key's own spelling for singulars. */
    private static final Map<String, String> SINGULAR = new HashMap<>();

    private static final Set<String> PLURALS = new java.util.HashSet<>();

    static {
        // English
        nouns("document documents", "file files", "invoice invoices", "report reports", "contract contracts",
                "minutes minutes", "letter letters", "email emails", "e-mail e-mails", "mail mails", "memo memos",
                "receipt receipts", "offer offers", "order orders", "policy policies", "statement statements",
                "manual manuals", "note notes", "agreement agreements", "quotation quotations", "bill bills",
                "certificate certificates", "proposal proposals", "scan scans", "paper papers",
                "protocol protocols", "handbook handbooks", "brochure brochures", "datasheet datasheets",
                "specification specifications", "payslip payslips", "presentation presentations",
                "spreadsheet spreadsheets", "pdf pdfs", "slides slides");
        // German (singular as written, then plural)
        nouns("Dokument Dokumente", "Datei Dateien", "Rechnung Rechnungen", "Bericht Berichte", "Vertrag Verträge",
                "Protokoll Protokolle", "Brief Briefe", "E-Mail E-Mails", "Mail Mails", "Notiz Notizen",
                "Quittung Quittungen", "Beleg Belege", "Angebot Angebote", "Bestellung Bestellungen",
                "Auftrag Aufträge", "Richtlinie Richtlinien", "Police Policen", "Handbuch Handbücher",
                "Anleitung Anleitungen", "Formular Formulare", "Unterlage Unterlagen", "Schreiben Schreiben",
                "Abrechnung Abrechnungen", "Kontoauszug Kontoauszüge", "Präsentation Präsentationen",
                "Zertifikat Zertifikate", "Bescheinigung Bescheinigungen");
        // French
        nouns("document documents", "fichier fichiers", "facture factures", "rapport rapports", "contrat contrats",
                "procès-verbal procès-verbaux", "lettre lettres", "courriel courriels", "e-mail e-mails", "mail mails",
                "note notes", "reçu reçus", "offre offres", "devis devis", "commande commandes", "police polices",
                "manuel manuels", "formulaire formulaires", "justificatif justificatifs", "attestation attestations",
                "certificat certificats", "présentation présentations", "tableur tableurs");
    }

    private static void nouns(String... pairs) {
        for (String pair : pairs) {
            String[] w = pair.split(" ");
            SINGULAR.putIfAbsent(Folding.fold(w[0]), w[0]);
            SINGULAR.put(Folding.fold(w[1]), w[0]);
            PLURALS.add(Folding.fold(w[1]));
        }
    }

    /** Whether the folded word names documents. */
    static boolean isDocument(String folded) {
        return SINGULAR.containsKey(folded) || GENERIC.contains(folded);
    }

    /** Whether the folded word is a plural document noun ("invoices", "Rechnungen", "devis", "minutes"). */
    static boolean isPlural(String folded) {
        return PLURALS.contains(folded) || folded.equals("everything") || folded.equals("alles");
    }

    /** Whether the folded word means any document and so does not narrow the subject. */
    static boolean isGeneric(String folded) {
        return GENERIC.contains(folded);
    }

    /** The singular of {@code word}: the list's spelling for a document noun, else {@code word} by the light rules above. */
    static String singular(String word) {
        String f = Folding.fold(word);
        String known = SINGULAR.get(f);
        if (known != null) return known;
        int n = word.length();
        if (n > 5 && f.endsWith("ungen")) return word.substring(0, n - 2);
        if (n > 5 && f.endsWith("eien")) return word.substring(0, n - 2);
        if (n > 4 && f.endsWith("ies")) return word.substring(0, n - 3) + "y";
        if (n > 4 && f.endsWith("aux")) return word.substring(0, n - 3) + "al";
        if (n > 3 && f.endsWith("s") && !f.endsWith("ss") && !f.endsWith("us") && !f.endsWith("is")) {
            return word.substring(0, n - 1);
        }
        return word;
    }
}
