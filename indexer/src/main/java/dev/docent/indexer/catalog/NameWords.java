package dev.docent.indexer.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Documents whose file name or title names something, for {@link DocumentQuery#naming}: for every
 * group, one of its words occurs in the file name or the title, case and accents ignored
 * ("vorfalle" finds "Vorfälle", "recu" finds "REÇU"; the parts of a hyphenated word may stand
 * apart, so "compte-rendu" finds "compte_rendu" and "Compte rendu"); or the path ends with one of
 * the extensions. SQLite matches it with {@code instr} over the folded {@code name_key} column,
 * without reading any row into Java; it is a superset by design (a word inside a longer word
 * counts), which the caller refines with its own rule. A read-only catalog from before the column
 * does not narrow at all (every row passes).
 *
 * @param groups the words (lower case, without accents: folded) of which each group needs one
 * @param extensions file extensions, without the dot, that select a document whatever its name
 */
public record NameWords(List<Set<String>> groups, Set<String> extensions) {

    public NameWords {
        groups = groups.stream().map(g -> Set.copyOf(g.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList())).toList();
        extensions = Set.copyOf(extensions.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList());
        if (groups.isEmpty() && extensions.isEmpty()) throw new IllegalArgumentException("no word and no extension");
        if (groups.stream().anyMatch(Set::isEmpty)) throw new IllegalArgumentException("a group without a word");
    }
}
