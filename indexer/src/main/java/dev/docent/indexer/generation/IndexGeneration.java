package dev.docent.indexer.generation;

import java.nio.file.Path;

/**
 * One generation's place in the data directory and the recipe it is built under.
 *
 * @param name its directory relative to the data directory: {@code .} for the first generation,
 *     which keeps the layout of before generations ({@code catalog.db} and {@code index/} at the
 *     top), else {@code generations/FINGERPRINT}
 * @param recipe what it is built under; null only for a data directory of the older layout that
 *     no writer has adopted yet (readers then check the catalog's legacy key)
 */
public record IndexGeneration(String name, Recipe recipe) {

    public static final String ROOT = ".";
    /** The folder, in the data directory, of every generation but the first. */
    public static final String GENERATIONS_DIR = "generations";

    /** The first generation of a data directory: where the catalog and index always were. */
    public static IndexGeneration root(Recipe recipe) {
        return new IndexGeneration(ROOT, recipe);
    }

    /** A generation built beside the active one, named by its recipe's fingerprint. */
    public static IndexGeneration forRecipe(Recipe recipe) {
        return new IndexGeneration(GENERATIONS_DIR + "/" + recipe.fingerprint(), recipe);
    }

    public boolean isRoot() {
        return name.equals(ROOT);
    }

    public Path dir(Path dataDir) {
        return isRoot() ? dataDir : dataDir.resolve(name);
    }

    /** Its catalog: which files it holds, in which state (per generation: "is this file indexed" is). */
    public Path catalogFile(Path dataDir) {
        return dir(dataDir).resolve("catalog.db");
    }

    /** Its Lucene index. */
    public Path indexDir(Path dataDir) {
        return dir(dataDir).resolve("index");
    }

    /** A short name for logs and the status: the recipe's fingerprint ("first" for the root one). */
    public String id() {
        return isRoot() ? (recipe == null ? "first" : recipe.fingerprint()) : name.substring(GENERATIONS_DIR.length() + 1);
    }
}
