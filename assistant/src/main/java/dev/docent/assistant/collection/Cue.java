package dev.docent.assistant.collection;

import java.util.regex.Pattern;

/**
 * The words that announce a collection question, in the order they are tried. A cue alone is not
 * enough (see {@link CollectionIntent}): "which" also starts "Which insurance covers cherry
 * trees?" and "how many" starts "How many days of annual leave?". Patterns are over folded text.
 */
enum Cue {
    /** "what changed", "was hat sich … geändert", "qu'est-ce qui a changé": the change is the question. */
    WHAT_CHANGED("what(?:'s| has| have)? (?:changed|new)|what is new|was hat sich|was ist neu|was gibt es neues"
            + "|qu'est-ce qui a (?:change|ete modifie)|qu'est-ce qui est nouveau|quoi de neuf"),
    /** "what is in the … folder", "was ist im Ordner …", "que contient le dossier …": needs a folder. */
    FOLDER_CONTENTS("what(?:'s| is) in|what does|was ist (?:im|in)|was liegt (?:im|in)|was enthalt|que contient"
            + "|qu'y a-t-il dans|qu'est-ce qu'il y a dans"),
    /** "how many", "wie viele", "combien de": needs a document noun (or a folder, or a change in time). */
    COUNT("how many|wie viele?|combien(?: de| d'| d)?"),
    /** "list all", "show me the", "liste alle", "zeige mir", "lister toutes les": needs a noun, type or folder. */
    LIST("(?:list|liste|lister|listez|auflisten|show(?: me)?|give me|zeige?(?: mir)?|montre(?:-moi| moi)?"
            + "|affiche(?:-moi| moi)?|donne-moi)"
            + "(?: (?:all(?: the| of the| my)?|every|the|my|alle(?: meine)?|die|meine|tous les|toutes les|tous mes"
            + "|toutes mes|les|mes))?"),
    /** "which", "welche", "quels/quelles", "what documents": needs a plural document noun. */
    WHICH("which|welche|quels|quelles|what"),
    /** "all (the) …", "every …", "alle …", "tous les / toutes les …": needs a document noun. */
    ALL("all(?: the| of the| my| our)?|every|alle(?: meine| unsere)?|jede[nrs]?|tous les|toutes les|tous mes|toutes mes");

    private final Pattern pattern;

    Cue(String folded) {
        this.pattern = Pattern.compile("(?<![\\w'-])(?:" + folded + ")(?![\\w-])", Pattern.UNICODE_CHARACTER_CLASS);
    }

    Pattern pattern() {
        return pattern;
    }
}
