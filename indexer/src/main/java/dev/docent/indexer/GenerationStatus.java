package dev.docent.indexer;

/**
 * Which index generation answers, and the build of the next one, for status displays.
 *
 * @param active the answering generation's id
 * @param activeRecipe its recipe ({@link dev.docent.indexer.generation.Recipe#canonical()}), null if
 *     not yet known (a data directory of the older layout seen by a reader)
 * @param rebuild the generation being built for a changed recipe, or null
 */
public record GenerationStatus(String active, String activeRecipe, Rebuild rebuild) {

    /**
     * @param generation the id of the generation being built
     * @param recipe its recipe
     * @param reason what changed, e.g. "new embedding model", "new chunking"
     * @param done files in it already indexed or failed with a reason
     * @param total files it has to hold (known once its first walk is done)
     */
    public record Rebuild(String generation, String recipe, String reason, int done, int total) {

        /** One line for people: "rebuilding index for new chunking: 120/300 files". */
        public String message() {
            return total == 0 ? "rebuilding index for " + reason + ": starting"
                    : "rebuilding index for " + reason + ": " + done + "/" + total + " files";
        }
    }
}
