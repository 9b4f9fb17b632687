package dev.docent.opensearch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The bytes of a Lucene index's files by what they hold, read from the folder on disk: how a
 * chunk's bytes split between stored fields (OpenSearch's {@code _source}, with the vector as JSON
 * text), postings, float vectors, the HNSW graph, norms and doc values. Small segments are
 * compound files ({@code .cfs}), which hide their parts: counted apart.
 */
public final class StoreFiles {

    private StoreFiles() {}

    /** Bytes by kind of every Lucene file under {@code dir} (sub-folders too). */
    public static Map<String, Long> byKind(Path dir) {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.merge(kind(f.getFileName().toString()), Files.size(f), Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String kind(String file) {
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1);
        return switch (ext) {
            case "fdt", "fdx", "fdm" -> "stored fields";
            case "tim", "tip", "tmd", "doc", "pos", "pay", "psm" -> "postings";
            case "vec", "vemf" -> "float vectors";
            case "vex", "vem" -> "hnsw graph";
            case "veq", "vemq" -> "quantized vectors";
            case "nvd", "nvm" -> "norms";
            case "dvd", "dvm" -> "doc values";
            case "kdd", "kdi", "kdm" -> "points";
            case "cfs", "cfe" -> "compound (small segments)";
            case "tlog", "ckp" -> "translog";
            default -> "other";
        };
    }
}
