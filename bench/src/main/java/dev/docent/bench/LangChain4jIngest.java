package dev.docent.bench;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentParser;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;

/**
 * The peer: langchain4j's file-system document loader, its recursive splitter and its in-process
 * quantized bge-small (the same ONNX file Docent runs), into its in-memory store. The parser does
 * what langchain4j's Apache Tika document parser does (AutoDetectParser into a BodyContentHandler),
 * written here so the peer reads every format with the same Tika as Docent.
 */
final class LangChain4jIngest {

    /** What one run did. */
    record Result(int files, int segments, double seconds) {}

    /** As langchain4j-document-parser-apache-tika's ApacheTikaDocumentParser. */
    static final class TikaParser implements DocumentParser {
        private final AutoDetectParser parser = new AutoDetectParser();

        @Override
        public Document parse(InputStream in) {
            try {
                var handler = new BodyContentHandler(-1);
                parser.parse(in, handler, new Metadata(), new ParseContext());
                return Document.from(handler.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private LangChain4jIngest() {}

    /** The peer's model, loaded (and warmed up) once for all rounds, as Docent's embedder is. */
    static EmbeddingModel model() {
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        model.embed("warm up"); // loading is not ingestion
        return model;
    }

    /** Loads, splits (segments of at most {@code maxChars}, no overlap), embeds and stores every file under {@code dir}. */
    static Result run(Path dir, int maxChars, EmbeddingModel model) {
        long t0 = System.nanoTime();
        List<Document> documents = FileSystemDocumentLoader.loadDocumentsRecursively(dir, new TikaParser());
        List<TextSegment> segments = DocumentSplitters.recursive(maxChars, 0).splitAll(documents);
        var store = new InMemoryEmbeddingStore<TextSegment>();
        store.addAll(model.embedAll(segments).content(), segments);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(documents.size(), segments.size(), seconds);
    }
}
