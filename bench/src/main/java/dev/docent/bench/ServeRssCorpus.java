package dev.docent.bench;

import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.EmbeddingInput;
import dev.docent.indexer.cache.EmbeddingCache;
import dev.docent.indexer.chunk.Chunker;
import dev.docent.indexer.extract.TextExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Prepares `serve` to index CHUNKS chunks without hours of embedding (docs/bench/serve-rss-100k.sh):
 * writes plain-text files under WORK/docs until they chunk (with the indexer's own extractor and
 * chunker and the real model's tokenizer) to at least CHUNKS chunks, and fills the embedding cache
 * of the data directory WORK/data with a random unit vector for each chunk's exact embedder input,
 * under the key serve's sync looks up. serve's own sync then walks, hashes, reads, chunks, looks
 * every chunk up, writes Lucene (HNSW included) and the catalog, but the model embeds nothing
 * (its report says {@code embedded=0}; a mismatch would show there as embedding).
 * Also writes WORK/questions.txt: questions drawn from the corpus vocabulary, for the load.
 *
 * <p>Usage: ServeRssCorpus WORK [CHUNKS]
 */
public final class ServeRssCorpus {

    private static final int FILES_PER_FOLDER = 200;
    private static final int VOCABULARY = 40_000;

    private ServeRssCorpus() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int target = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path docs = work.resolve("docs");
        Path data = work.resolve("data");
        Files.createDirectories(docs);
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        var words = new ZipfWords(VOCABULARY);
        var random = new Random(42);
        long t0 = System.nanoTime();
        int files = 0;
        int chunks = 0;
        try (Embedder embedder = Embedders.defaultModel(1);
                EmbeddingCache cache = EmbeddingCache.open(data.resolve(EmbeddingCache.FILE))) {
            // As DocumentPipeline.cacheModelId: the key serve's sync looks vectors up under.
            String model = embedder.modelName() + "/" + embedder.dimensions() + "/passage";
            var extractor = new TextExtractor();
            var chunker = new Chunker(embedder::countTokens, Chunker.DEFAULT_MAX_TOKENS);
            while (chunks < target) {
                Path folder = Files.createDirectories(docs.resolve(String.format("d%03d", files / FILES_PER_FOLDER)));
                Path file = folder.resolve(String.format("note-%06d.txt", files));
                Files.writeString(file, document(files, words, random));
                var doc = extractor.extract(file);
                for (var c : chunker.chunk(doc)) {
                    String input = EmbeddingInput.of(doc.title(), c.heading(), c.text());
                    cache.put(model, EmbeddingCache.hash(input), unit(random, embedder.dimensions()));
                    chunks++;
                }
                files++;
                if (files % 1000 == 0) {
                    System.out.printf("  %d files, %d chunks (%.0f s)%n", files, chunks, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        List<String> questions = new ArrayList<>();
        for (int q = 0; q < 50; q++) questions.add("What does the note say about " + words.phrase(random, 2 + random.nextInt(4)) + "?");
        Files.write(work.resolve("questions.txt"), questions);
        System.out.printf("%d files, %d chunks, cache filled for each, in %.0f s%n", files, chunks, (System.nanoTime() - t0) / 1e9);
    }

    /** A note: a title line, then 2-12 sections of a heading and a paragraph of Zipf-distributed words. */
    private static String document(int n, ZipfWords words, Random r) {
        var sb = new StringBuilder("Note ").append(n).append(": ").append(words.phrase(r, 3)).append("\n\n");
        int sections = 2 + r.nextInt(11);
        for (int s = 0; s < sections; s++) {
            sb.append(words.phrase(r, 2 + r.nextInt(3))).append("\n\n");
            int sentences = 3 + r.nextInt(8);
            for (int k = 0; k < sentences; k++) {
                String sentence = words.phrase(r, 6 + r.nextInt(16));
                sb.append(Character.toUpperCase(sentence.charAt(0))).append(sentence, 1, sentence.length()).append(". ");
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    private static float[] unit(Random r, int dims) {
        float[] v = new float[dims];
        double s = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) r.nextGaussian();
            s += v[i] * v[i];
        }
        float norm = (float) Math.sqrt(s);
        for (int i = 0; i < dims; i++) v[i] /= norm;
        return v;
    }
}
