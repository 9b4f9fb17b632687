package dev.docent.bench;

import dev.docent.indexer.Indexer;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.SyncReport;
import dev.docent.retriever.IndexedChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a re-sync costs after the full ingest: one paragraph edited in 1% of the files (only the
 * changed chunks should be embedded), then every file renamed (none should be). Run once, after
 * the interleaved rounds, on the index the last round built; it edits and renames the corpus.
 */
final class ResyncCheck {

    private ResyncCheck() {}

    static void run(Indexer indexer, Corpus corpus, List<Corpus.Spec> specs, Path corpusDir, double fullSeconds)
            throws Exception {
        List<Set<String>> beforeTexts = new ArrayList<>();
        int edited = 0;
        int chunksOfEdited = 0;
        for (int i = 0; i < specs.size(); i += 100) {
            Corpus.Spec s = specs.get(i);
            Path file = corpusDir.resolve(s.fileName());
            Set<String> before = texts(indexer.withIndex(idx -> idx.storedChunksOf(file.toString())));
            corpus.write(s, file, s.sections() / 2);
            edited++;
            chunksOfEdited += before.size();
            beforeTexts.add(before);
        }
        SyncReport edit = indexer.sync(List.of(corpusDir), SyncProgress.NONE);
        int changedChunks = 0; // chunks of the edited files whose text is new
        int k = 0;
        for (int i = 0; i < specs.size(); i += 100, k++) {
            Path file = corpusDir.resolve(specs.get(i).fileName());
            Set<String> before = beforeTexts.get(k);
            for (IndexedChunk c : indexer.withIndex(idx -> idx.storedChunksOf(file.toString()))) {
                if (!before.contains(c.heading() + "\n" + c.text())) changedChunks++;
            }
        }
        System.out.printf("re-sync, 1%% of files edited: %d files seen, %.1f s, %d chunks embedded; %d files edited"
                + " (one paragraph each, %d chunks in them), %d chunks changed; %.1f%% of the full ingest's time%n",
                edit.seen(), seconds(edit), edit.embedded(), edited, chunksOfEdited, changedChunks,
                100 * seconds(edit) / fullSeconds);
        for (Corpus.Spec s : specs) {
            Files.move(corpusDir.resolve(s.fileName()), corpusDir.resolve("renamed-" + s.fileName()));
        }
        SyncReport renamed = indexer.sync(List.of(corpusDir), SyncProgress.NONE);
        System.out.printf("re-sync, every file renamed: %d files seen, %.1f s, %d chunks embedded; %d reused,"
                + " %d re-read; %.1f%% of the full ingest's time%n", renamed.seen(), seconds(renamed), renamed.embedded(),
                renamed.reused(), renamed.indexed(), 100 * seconds(renamed) / fullSeconds);
    }

    private static Set<String> texts(List<IndexedChunk> chunks) {
        Set<String> out = new HashSet<>();
        for (IndexedChunk c : chunks) out.add(c.heading() + "\n" + c.text());
        return out;
    }

    private static double seconds(SyncReport r) {
        return r.took().toNanos() / 1e9;
    }
}
