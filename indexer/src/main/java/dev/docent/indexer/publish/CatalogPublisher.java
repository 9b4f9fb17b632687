package dev.docent.indexer.publish;

import java.util.List;
import java.util.function.Supplier;

/**
 * The writer's side: publishes its catalog rows under its owner name, where readers of the
 * shared index find them. Only rows of the generation that answers are published, and only
 * after their catalog transaction committed (so after the index acknowledged their chunks).
 */
public interface CatalogPublisher {

    /**
     * After a catalog commit: {@code put} were written (with their text dates), {@code deleted}
     * removed. Never throws: when the cluster does not take them, the publisher owes a whole
     * reconcile (from {@code all}, the catalog's every row) and does it at its next call, so a
     * long-running writer converges without a restart.
     */
    void committed(List<CatalogRow> put, List<String> deleted, Supplier<List<CatalogRow>> all);

    /**
     * Makes the published rows of this owner exactly {@code all} (at the writer's open and after a
     * generation switch): missing or differing rows are published, rows of documents gone are
     * deleted. Throws when the cluster does not answer.
     */
    void reconcile(List<CatalogRow> all);

    /** For an index that is one machine's own: nothing to publish. */
    CatalogPublisher NONE = new CatalogPublisher() {
        @Override
        public void committed(List<CatalogRow> put, List<String> deleted, Supplier<List<CatalogRow>> all) {}

        @Override
        public void reconcile(List<CatalogRow> all) {}
    };
}
