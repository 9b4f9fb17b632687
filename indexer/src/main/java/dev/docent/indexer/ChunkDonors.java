package dev.docent.indexer;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.catalog.DocumentStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * During one sync: indexed files, by content hash, whose chunks (text, places and vectors) a file
 * with the same content may take instead of being extracted and embedded. That makes a rename or
 * move (the old path is among the {@code vanished}) and a copy (the old path is still there) cost
 * a hash and an index rewrite, nothing more.
 *
 * <p>Only files whose chunks cannot change during the sync are donors: indexed files the sync
 * leaves alone, files that vanished (their chunks stay until the end of the sync, or until a file
 * takes them over), and files this sync has just indexed. Read by the reading thread, changed by
 * the embedding thread: concurrent maps.
 */
final class ChunkDonors {

    private final Map<String, DocumentRecord> byHash = new ConcurrentHashMap<>();
    /** Paths of vanished donors not yet taken over: deleted at the end of the sync. */
    private final Set<String> vanished = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger takenOver = new java.util.concurrent.atomic.AtomicInteger();

    /** An indexed file whose chunks stay as they are during this sync. */
    void offer(DocumentRecord indexed) {
        if (usable(indexed)) byHash.putIfAbsent(indexed.sha256(), indexed);
    }

    /** A file that is gone but whose chunks a renamed or moved copy may take over. */
    void offerVanished(DocumentRecord indexed) {
        if (!usable(indexed)) return;
        vanished.add(indexed.path());
        byHash.putIfAbsent(indexed.sha256(), indexed);
    }

    /** A file of this sync now holds the content's chunks (it was indexed, or took them over). */
    void replaceWith(DocumentRecord indexed) {
        if (usable(indexed)) byHash.put(indexed.sha256(), indexed);
    }

    boolean has(String sha256) {
        return byHash.containsKey(sha256);
    }

    /** The donor for a content hash, or null. */
    DocumentRecord get(String sha256) {
        return byHash.get(sha256);
    }

    boolean isVanished(String path) {
        return vanished.contains(path);
    }

    /** A vanished donor's chunks were moved to another path: it is not deleted again at the end. */
    void takenOver(String path) {
        if (vanished.remove(path)) takenOver.incrementAndGet();
    }

    /** Vanished donors whose chunks another path took (renames and moves). */
    int takenOverCount() {
        return takenOver.get();
    }

    /** Vanished donors nobody took over: their chunks and rows go now. */
    List<String> leftOver() {
        return new ArrayList<>(vanished);
    }

    private static boolean usable(DocumentRecord r) {
        return r.status() == DocumentStatus.INDEXED && r.error() == null && r.sha256() != null && r.chunks() > 0;
    }
}
