package dev.docent.opensearch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

/**
 * The bytes of a Lucene index's files by what they hold, read from the folder on disk: how a
 * chunk's bytes split between stored fields (OpenSearch's {@code _source}, with the vector as JSON
 * text), postings, float vectors, the HNSW graph, norms and doc values. Most segments are
 * compound files ({@code .cfs}, every one here: OpenSearch keeps segments up to 1 GB compound);
 * their parts are read from the entry table beside them ({@code .cfe}: each inner file's name,
 * offset and length, as Lucene90CompoundFormat writes it).
 */
public final class StoreFiles {

    private StoreFiles() {}

    /** Bytes by kind of every Lucene file under {@code dir} (sub-folders too). */
    public static Map<String, Long> byKind(Path dir) {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".cfs")) continue; // counted by its entries, below
                if (name.endsWith(".cfe")) {
                    long inner = 0;
                    for (var e : compoundEntries(f).entrySet()) {
                        out.merge(kind(e.getKey()), e.getValue(), Long::sum);
                        inner += e.getValue();
                    }
                    Path cfs = f.resolveSibling(name.substring(0, name.length() - 4) + ".cfs");
                    out.merge("other", Files.size(f) + Files.size(cfs) - inner, Long::sum); // headers, footers, padding
                } else {
                    out.merge(kind(name), Files.size(f), Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The inner files of a compound segment and their lengths, from its entry table. */
    static Map<String, Long> compoundEntries(Path cfe) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Directory dir = FSDirectory.open(cfe.getParent()); IndexInput in = dir.openInput(cfe.getFileName().toString(), IOContext.READONCE)) {
            CodecUtil.readIndexHeader(in);
            int n = in.readVInt();
            for (int i = 0; i < n; i++) {
                String file = in.readString();
                in.readLong(); // offset
                out.merge(file, in.readLong(), Long::sum);
            }
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
