package dev.docent.retriever;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;

/**
 * How chunk vectors are stored and graphed: the HNSW graph's links per node ({@code maxConn}) and
 * build beam ({@code beamWidth}), and whether the graph is walked over 8-bit quantized copies of
 * the vectors (the float vectors are kept beside them for exact scores). Only new segments take a
 * changed format; each segment records its own, so an index may mix them.
 *
 * @param maxConn HNSW links per node
 * @param beamWidth HNSW candidates considered per insertion
 * @param int8 search the graph over 8-bit scalar-quantized vectors
 */
public record VectorFormat(int maxConn, int beamWidth, boolean int8) {

    /** Lucene's defaults, float vectors: measured against the alternatives in docs/benchmarks.md. */
    public static final VectorFormat DEFAULT = new VectorFormat(Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
            Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH, false);
    private static final Pattern SPEC = Pattern.compile("(hnsw|int8)(?:\\(m=(\\d+)(?:,beam=(\\d+))?\\))?");

    public VectorFormat {
        if (maxConn < 2 || maxConn > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
            throw new IllegalArgumentException("maxConn must be in 2.." + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN + ", got " + maxConn);
        }
        if (beamWidth < 1 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
            throw new IllegalArgumentException("beamWidth must be in 1.." + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH + ", got " + beamWidth);
        }
    }

    /** Reads {@code hnsw(m=16,beam=100)} or {@code int8(m=16,beam=100)}; left-out numbers take Lucene's defaults. */
    public static VectorFormat parse(String spec) {
        Matcher m = SPEC.matcher(spec.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a vector format: '" + spec + "' (e.g. hnsw(m=16,beam=100), int8(m=16,beam=100))");
        }
        return new VectorFormat(m.group(2) == null ? DEFAULT.maxConn : Integer.parseInt(m.group(2)),
                m.group(3) == null ? DEFAULT.beamWidth : Integer.parseInt(m.group(3)), m.group(1).equals("int8"));
    }

    /** The Lucene vectors format this describes. */
    KnnVectorsFormat knnFormat() {
        return int8 ? new Lucene104HnswScalarQuantizedVectorsFormat(QuantizedByteVectorValues.ScalarEncoding.UNSIGNED_BYTE, maxConn, beamWidth)
                : new Lucene99HnswVectorsFormat(maxConn, beamWidth);
    }

    /** The default codec with this vectors format for every vector field. */
    public Codec codec() {
        KnnVectorsFormat format = knnFormat();
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    @Override
    public String toString() {
        return (int8 ? "int8" : "hnsw") + "(m=" + maxConn + ",beam=" + beamWidth + ")";
    }
}
