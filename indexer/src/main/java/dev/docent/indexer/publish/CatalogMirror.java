package dev.docent.indexer.publish;

import dev.docent.indexer.catalog.Catalog;
import dev.docent.indexer.catalog.DocumentRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only server's catalog: a local SQLite catalog that only this mirror writes, holding every
 * owner's published rows, so listings, filters and collection questions work on it as on a
 * writer's. Loaded whole at open, then brought up to date every few seconds on a thread of its
 * own with only what changed since (per owner, by sequence); when the feed does not answer, the
 * last mirror stays and {@link #state()} says why.
 *
 * <p>Paths are the writers' own (what their chunks carry, so search hits, citations and rows
 * join). When two owners publish the same path (two machines with the same folder layout), the row
 * of the owner first by name is listed and its note names the others; the others' rows take over
 * when it goes.
 *
 * <p>Locking: {@link #sync} runs under this object's monitor (the poll thread and a caller's
 * {@link #sync} never interleave); readers read the catalog, which is thread-safe, and see a
 * poll's changes all at once (one transaction).
 */
public final class CatalogMirror implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogMirror.class);
    /** What a shown row's note says when other owners publish the same path. */
    static final String ALSO_INDEXED_BY = "also indexed by ";

    private final Catalog catalog;
    private final CatalogFeed feed;
    /** Owner → the sequence up to which its changes are applied. */
    private final Map<String, Long> seen = new HashMap<>();
    /** Owner → the paths it has live rows for. */
    private final Map<String, Set<String>> owned = new HashMap<>();
    private final ScheduledExecutorService poller;
    private volatile State state = new State(null, null);

    /** When the mirror last matched the feed (null: never), and why the last try failed (null: it did not). */
    public record State(Instant syncedAt, String problem) {}

    private CatalogMirror(Catalog catalog, CatalogFeed feed) {
        this.catalog = catalog;
        this.feed = feed;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalog-mirror");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads every published row into {@code catalog} (an empty one: the caller made it), then keeps
     * it current every {@code every}.
     *
     * @throws RuntimeException what the feed threw when the first load failed
     */
    public static CatalogMirror start(Catalog catalog, CatalogFeed feed, Duration every) {
        CatalogMirror mirror = new CatalogMirror(catalog, feed);
        mirror.syncOrThrow();
        mirror.poller.scheduleWithFixedDelay(mirror::sync, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return mirror;
    }

    /** The local catalog listings and collection questions read. */
    public Catalog catalog() {
        return catalog;
    }

    public State state() {
        return state;
    }

    /** Brings the mirror up to date now; a failure is kept in {@link #state()}, the last mirror stays. */
    public void sync() {
        try {
            syncOrThrow();
        } catch (RuntimeException e) {
            if (state.problem() == null) log.warn("The documents list keeps its last copy: reading the writers' catalogs failed: {}", e.getMessage());
            state = new State(state.syncedAt(), "the documents list is as of " + state.syncedAt() + ": " + e.getMessage());
        }
    }

    private synchronized void syncOrThrow() {
        Instant asked = Instant.now();
        Map<String, CatalogFeed.Mark> marks = feed.marks();
        Staged staged = new Staged();
        for (var e : marks.entrySet()) {
            String owner = e.getKey();
            CatalogFeed.Mark mark = e.getValue();
            long after = seen.getOrDefault(owner, -1L);
            if (mark.sequence() <= after) continue; // nothing new from this owner: no read at all
            apply(feed.changes(owner, after, mark.sequence()), staged);
            seen.put(owner, mark.sequence());
            if (owned.getOrDefault(owner, Set.of()).size() != mark.liveRows()) {
                // A deletion this mirror never saw (its record was purged meanwhile): read the owner again.
                log.info("The documents mirror holds {} rows of {}, which has {}: reading them again",
                        owned.getOrDefault(owner, Set.of()).size(), owner, mark.liveRows());
                forget(owner, mark.sequence(), staged);
                apply(feed.changes(owner, -1, mark.sequence()), staged);
            }
        }
        for (String owner : new ArrayList<>(owned.keySet())) {
            if (!marks.containsKey(owner)) forget(owner, seen.getOrDefault(owner, 0L), staged); // its rows were removed
        }
        staged.commit();
        state = new State(asked, null);
    }

    /** Drops every row of {@code owner} (as deletions, so another owner's row of the same path takes over). */
    private void forget(String owner, long sequence, Staged staged) {
        List<CatalogFeed.Change> gone = new ArrayList<>();
        for (String path : owned.getOrDefault(owner, Set.of())) gone.add(new CatalogFeed.Change(owner, sequence, path, null));
        apply(gone, staged);
        owned.remove(owner);
        seen.remove(owner);
    }

    private void apply(List<CatalogFeed.Change> changes, Staged staged) {
        for (CatalogFeed.Change c : changes) {
            String before = shownOwner(c.path());
            Set<String> paths = owned.computeIfAbsent(c.owner(), o -> new java.util.HashSet<>());
            if (c.row() != null) paths.add(c.path());
            else paths.remove(c.path());
            if (paths.isEmpty()) owned.remove(c.owner());
            String after = shownOwner(c.path());
            if (after == null) {
                staged.delete(c.path());
            } else if (after.equals(c.owner()) && c.row() != null) {
                staged.put(c.row(), others(c.path(), after));
            } else if (!after.equals(before)) {
                // The shown owner deleted its row: another owner's takes its place.
                Optional<CatalogRow> next = feed.row(after, c.path());
                if (next.isPresent()) staged.put(next.get(), others(c.path(), after));
                else staged.delete(c.path());
            } else {
                // Another owner came or went beside the shown one: only the note changes.
                staged.current(c.path()).ifPresent(shown -> staged.put(shown, others(c.path(), after)));
            }
        }
    }

    /** The owner whose row is listed for {@code path}: the first by name of those that publish it; null if none. */
    private String shownOwner(String path) {
        String first = null;
        for (var e : owned.entrySet()) {
            if (e.getValue().contains(path) && (first == null || e.getKey().compareTo(first) < 0)) first = e.getKey();
        }
        return first;
    }

    private List<String> others(String path, String shown) {
        List<String> out = new ArrayList<>();
        for (var e : owned.entrySet()) {
            if (!e.getKey().equals(shown) && e.getValue().contains(path)) out.add(e.getKey());
        }
        out.sort(null);
        return out;
    }

    /** {@code note} without what an earlier collision added to it. */
    static String ownNote(String note) {
        if (note == null) return null;
        int at = note.indexOf(ALSO_INDEXED_BY);
        if (at < 0) return note;
        String own = note.substring(0, at).replaceFirst("[;\\s]+$", "");
        return own.isEmpty() ? null : own;
    }

    /** A poll's writes to the local catalog, committed in one transaction. */
    private final class Staged {
        private final Map<String, CatalogRow> puts = new LinkedHashMap<>();
        private final Set<String> deletes = new LinkedHashSet<>();

        void put(CatalogRow row, List<String> others) {
            DocumentRecord r = row.record();
            String own = ownNote(r.note());
            String note = others.isEmpty() ? own : (own == null ? "" : own + "; ") + ALSO_INDEXED_BY + String.join(", ", others);
            puts.put(row.path(), new CatalogRow(r.withNote(note), row.textDates()));
            deletes.remove(row.path());
        }

        void delete(String path) {
            puts.remove(path);
            deletes.add(path);
        }

        /** The row listed for {@code path} now: staged here, else in the catalog. */
        Optional<CatalogRow> current(String path) {
            if (puts.containsKey(path)) return Optional.of(puts.get(path));
            if (deletes.contains(path)) return Optional.empty();
            return catalog.find(path).map(r -> new CatalogRow(r, catalog.textDates(path)));
        }

        void commit() {
            if (puts.isEmpty() && deletes.isEmpty()) return;
            List<DocumentRecord> records = new ArrayList<>(puts.size());
            Map<String, List<LocalDate>> dates = new HashMap<>();
            for (CatalogRow row : puts.values()) {
                records.add(row.record());
                dates.put(row.path(), row.textDates());
            }
            catalog.commitBatch(records, dates, new ArrayList<>(deletes), 0);
        }
    }

    /** Stops polling (a poll under way ends first); the catalog stays open for its owner to close. */
    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
