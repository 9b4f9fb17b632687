package dev.docent.assistant.collection;

import java.util.Arrays;
import java.util.Set;

/**
 * Folded words of English, German and French that do not name what a question is about:
 * articles, prepositions, pronouns, auxiliaries, question and intent words, and verbs of mention
 * ("mention", "erwähnen", "contiennent") and of aboutness ("discuss", "behandeln", "traitent": in
 * "which documents discuss paying suppliers?" the subject is "paying suppliers"; kept in it, "discuss"
 * was a term every passage had to hold and pulled the query's embedding towards discussions).
 * {@link CollectionIntent} drops them from the subject, and a noun phrase after "how many" or
 * "which" ends at the first of them ("how many days <em>of</em> leave").
 */
final class StopWords {

    private StopWords() {}

    private static final Set<String> WORDS = Set.copyOf(Arrays.asList(("a an the of for to in on at by with from about and or is are was"
            + " were be been being do does did have has had there here any all every my our your their i me we you"
            + " it its this that these those what which who how many much get got show list please can could would"
            + " will should tell give find mention mentions mentioning contain contains containing regarding"
            + " concerning stored saved exist discuss discusses discussing discussed describe describes describing"
            + " described concern concerns relate relates relating refer refers referring talk talks talking explain"
            + " explains explaining"
            + " der die das den dem des ein eine einen einem einer es ist sind war waren wurde wurden werden wird"
            + " hat haben habe ich mir mich wir uns du sie im in aus von vom mit und oder auf fur zu zum zur bei"
            + " gibt alle welche wie viele viel was sich noch bitte mein meine unsere da dort liste zeige zeig"
            + " erwahnen erwahnt enthalten enthalt uber betreffen gespeichert behandeln behandelt beschreiben beschreibt"
            + " befassen befasst handeln"
            + " le la les l un une des de du d et ou est sont a ont ete qui que qu quoi quels quelles combien il y"
            + " en dans pour par sur avec au aux ce ces cette mes mon nos tous toutes tout j ai moi se s n ne pas"
            + " est-ce lister montre affiche mentionnent mentionne contiennent contient concernant traitent traite"
            + " parlent parle decrivent decrit abordent aborde").split(" ")));

    static boolean contains(String folded) {
        return WORDS.contains(folded);
    }
}
