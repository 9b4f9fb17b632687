package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentStatus;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.generation.Generations;
import dev.docent.indexer.generation.IndexGeneration;
import dev.docent.indexer.generation.Recipe;
import dev.docent.indexer.publish.CatalogPublisher;
import dev.docent.indexer.publish.CatalogRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generations of a writable data directory: at open, which one answers (the pointer's, or the
 * top-level catalog and index, adopted) and whether one must be built for the configured recipe
 * (resumed where a crash or stop left it); during syncs, the build of that one, and the switch to
 * it once no file in it is pending. See docs/DESIGN.md, "Data directory, trust and index
 * generations".
 *
 * <p>Locking: none of its own; it is confined to the sync. It is opened before any sync, and
 * afterwards changed only by {@link #rebuild}, which {@link SyncWriter} runs under its sync lock;
 * {@code building} is volatile only so that status readers see it. The switch hands the answering
 * generation over through {@link ActiveGeneration#replace}, which waits for the leases on the old
 * one before it is closed and deleted.
 */
final class GenerationBuilder {

    /** Logs under the facade's name, so the log reads as it did before the indexer was split. */
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);

    /** One sync of one generation ({@link SyncWriter}'s). */
    interface Pass {
        SyncReport run(OpenGeneration g, List<Path> folders, SyncProgress listener);
    }

    private final Path dataDir;
    /** What this Docent builds indexes under. */
    private final Recipe recipe;
    private final ActiveGeneration active;
    private final IndexStorage storage;
    /** The generation being built for a changed recipe, or null. Written only by the sync. */
    private volatile OpenGeneration building;

    private GenerationBuilder(Path dataDir, Recipe recipe, ActiveGeneration active, OpenGeneration building, IndexStorage storage) {
        this.storage = storage;
        this.dataDir = dataDir;
        this.recipe = recipe;
        this.active = active;
        this.building = building;
    }

    /**
     * Opens the active generation, and the one to build when {@code recipe} is not the active one's;
     * deletes every other generation, a left-over first generation and a temporary pointer.
     */
    static GenerationBuilder open(Path dataDir, Recipe recipe, IndexStorage storage) throws IOException {
        IndexGeneration current = chooseActive(dataDir, recipe);
        OpenGeneration answering = OpenGeneration.openWritable(dataDir, current, recipe, storage);
        try {
            storage.activated(current); // repeats a switch a crash interrupted after the pointer's write
            // The published rows follow the catalog both ways (a crash between a catalog commit and its publish).
            publish(storage, answering);
        } catch (RuntimeException e) {
            answering.close();
            throw e;
        }
        if (current.recipe().equals(recipe)) {
            Generations.removeStale(dataDir, Set.of(current));
            return new GenerationBuilder(dataDir, recipe, new ActiveGeneration(answering), null, storage);
        }
        IndexGeneration next = IndexGeneration.forRecipe(recipe);
        Generations.removeStale(dataDir, Set.of(current, next)); // a build for another recipe is abandoned
        OpenGeneration toBuild;
        try {
            toBuild = OpenGeneration.openWritable(dataDir, next, recipe, storage); // a build a crash interrupted goes on where it stopped
        } catch (IOException | RuntimeException e) {
            answering.close();
            throw e;
        }
        log.info("The {} changed: answering from index generation {} while generation {} is built ({})",
                recipe.changesFrom(current.recipe()), current.id(), next.id(), recipe.canonical());
        return new GenerationBuilder(dataDir, recipe, new ActiveGeneration(answering), toBuild, storage);
    }

    /**
     * The generation the pointer names; without a pointer, the data directory's top-level catalog
     * and index (the first generation, or a data directory from before generations, adopted with
     * the recipe its catalog recorded, so a matching one is not re-indexed), written to the
     * pointer so that from now on the pointer alone says which generation answers.
     */
    private static IndexGeneration chooseActive(Path dataDir, Recipe recipe) {
        Optional<IndexGeneration> pointed = Generations.readPointer(dataDir);
        if (pointed.isPresent()) return pointed.get();
        IndexGeneration root = IndexGeneration.root(recipe);
        if (Generations.hasRootCatalog(dataDir)) {
            Optional<String> key;
            try (Catalog old = Catalog.open(root.catalogFile(dataDir))) {
                key = old.meta(OpenGeneration.MODEL_KEY);
            }
            root = IndexGeneration.root(key.map(k -> Recipe.fromLegacyKey(k)).orElse(recipe));
            log.info("Adopted the index in {} as the first generation ({})", dataDir, root.recipe().canonical());
        }
        Generations.writePointer(dataDir, root);
        return root;
    }

    /** The generation that answers. */
    ActiveGeneration active() {
        return active;
    }

    /** Makes the published rows (a shared index's readers list them) equal {@code g}'s catalog; nothing when nobody reads them. */
    private static void publish(IndexStorage storage, OpenGeneration g) {
        CatalogPublisher publisher = storage.catalogPublisher();
        if (publisher != CatalogPublisher.NONE) publisher.reconcile(CatalogRow.allOf(g.catalog()));
    }

    /** Where {@code g}'s committed rows are published: only the answering generation's rows are. */
    CatalogPublisher publisherFor(OpenGeneration g) {
        return g == active.current() ? storage.catalogPublisher() : CatalogPublisher.NONE;
    }

    /** The generation being built for a changed recipe, or null. */
    OpenGeneration building() {
        return building;
    }

    /**
     * Syncs the generation being built, then syncs it once more (a walk: only what changed while
     * it was built costs anything), and switches to it when no file in it is left pending.
     *
     * <p>The active generation is not synced meanwhile: when the embedding model changed it could
     * not be (the old model is not loaded), and one rule for every change is simpler. Nothing is
     * lost by it: the new generation's last sync walks the folders after the build, and a change
     * after that walk triggers the next sync, which the new generation then answers.
     */
    SyncReport rebuild(OpenGeneration next, List<Path> folders, SyncProgress listener, Pass pass, BooleanSupplier stopping) {
        SyncReport report = pass.run(next, folders, listener);
        if (stopping.getAsBoolean()) return report;
        if (report.seen() == 0 && answersAnything()) {
            // The folders are gone or unreadable (an unmounted drive?): an empty generation would
            // replace every answer with none. Keep the old one until the files are back.
            log.warn("The folders {} hold no files now; generation {} keeps answering until they do", folders,
                    active.current().generation().id());
            return report;
        }
        SyncReport catchUp = pass.run(next, folders, SyncProgress.NONE);
        if (stopping.getAsBoolean()) return report;
        int pending = next.catalog().countByStatus().get(DocumentStatus.PENDING);
        if (pending > 0) {
            log.warn("Index generation {} still has {} pending file(s); the switch waits for the next sync",
                    next.generation().id(), pending);
            return report;
        }
        switchTo(next);
        return new SyncReport(report.seen(), report.indexed() + catchUp.indexed(), report.failed() + catchUp.failed(),
                report.unchanged(), report.removed() + catchUp.removed(), report.chunks() + catchUp.chunks(),
                report.took().plus(catchUp.took()), report.reused() + catchUp.reused(), report.embedded() + catchUp.embedded());
    }

    private boolean answersAnything() {
        try (IndexLease lease = active.lease()) {
            return !lease.generation().catalog().all().isEmpty();
        }
    }

    /**
     * Points the data directory at {@code next} (atomically), makes it answer once the leases on
     * the old one are closed, and deletes the old one.
     */
    private void switchTo(OpenGeneration next) {
        Generations.writePointer(dataDir, next.generation()); // from here on a restart opens next
        storage.activated(next.generation()); // a shared index's readers follow (repeated at open after a crash)
        building = null; // the status shows no build from here; next answers from the line below
        OpenGeneration old = active.replace(next); // waits for the leases on the old one
        try {
            publish(storage, next); // readers list the new generation's rows
        } catch (RuntimeException e) {
            // The publisher owes a reconcile and does it at its next commit (or the next open does).
            log.warn("Publishing generation {}'s catalog failed: {}", next.generation().id(), e.getMessage());
        }
        log.info("Index generation {} is complete and answers now; deleting generation {}", next.generation().id(),
                old.generation().id());
        try {
            old.close();
        } finally {
            Generations.delete(dataDir, old.generation());
            storage.dropped(old.generation());
        }
    }

    /** Which generation answers, and the progress of the one being built. */
    GenerationStatus status(SyncWriter.Progress p) {
        OpenGeneration a = active.current();
        OpenGeneration b = building;
        if (b == null) return settled(a.generation());
        Map<DocumentStatus, Integer> counts = b.catalog().countByStatus();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int done = counts.get(DocumentStatus.INDEXED) + counts.get(DocumentStatus.FAILED);
        if (p.running()) done = Math.max(0, total - p.toProcess()) + p.done(); // rows are written at each commit
        return new GenerationStatus(a.generation().id(), recipeText(a.generation()), new GenerationStatus.Rebuild(
                b.generation().id(), recipe.canonical(), "new " + recipe.changesFrom(a.generation().recipe()), done, total));
    }

    /** The status of {@code g} answering with no build under way. */
    static GenerationStatus settled(IndexGeneration g) {
        return new GenerationStatus(g.id(), recipeText(g), null);
    }

    private static String recipeText(IndexGeneration g) {
        return g.recipe() == null ? null : g.recipe().canonical();
    }

    /** Closes the answering generation, then the one being built. */
    void close() {
        try {
            active.close();
        } finally {
            OpenGeneration b = building;
            if (b != null) b.close();
        }
    }
}
