package dev.docent.llm.internal.ffi;

import dev.docent.nativelib.LlamaLibraries;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * llama.cpp, loaded once per JVM: binds the functions, routes llama.cpp's log into SLF4J (before
 * anything can log), loads the CPU backend variants from the library directory (ggml otherwise
 * looks beside the executable, i.e. the JDK), and initialises the backend.
 */
public final class LlamaRuntime {

    private static final Logger log = LoggerFactory.getLogger("llama.cpp");
    private static final Pattern LIBGGML = Pattern.compile("(lib)?ggml(\\.[a-z0-9.]+)?\\.(so|dylib|dll)");
    private static final int RECENT_ERRORS = 8;
    private static final Deque<String> recentErrors = new ArrayDeque<>();
    private static volatile LlamaRuntime instance;

    private final LlamaApi api;
    private final Path directory;

    private LlamaRuntime(Path dir) throws Throwable {
        Path libllama = LlamaLibraries.find(dir).orElseThrow();
        Path libggml;
        try (Stream<Path> files = Files.list(dir)) {
            libggml = files.filter(p -> LIBGGML.matcher(p.getFileName().toString()).matches()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no libggml beside " + libllama));
        }
        this.directory = dir;
        this.api = new LlamaApi(libllama, libggml);
        var callback = MethodHandles.lookup().findStatic(LlamaRuntime.class, "onLog",
                MethodType.methodType(void.class, int.class, MemorySegment.class, MemorySegment.class));
        MemorySegment stub = api.linker().upcallStub(callback,
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS), Arena.global());
        api.logSet.invokeExact(stub, MemorySegment.NULL);
        try (Arena arena = Arena.ofConfined()) {
            api.loadBackendsFromPath.invokeExact(arena.allocateFrom(dir.toAbsolutePath().toString()));
        }
        api.backendInit.invokeExact();
    }

    /** The runtime, loading the libraries on first use; the exception names the fix if that fails. */
    public static LlamaRuntime get() {
        LlamaRuntime r = instance;
        if (r != null) return r;
        synchronized (LlamaRuntime.class) {
            if (instance == null) {
                Path dir = LlamaLibraries.directory();
                try {
                    instance = new LlamaRuntime(dir);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
                } catch (Throwable t) {
                    throw new IllegalStateException("cannot load llama.cpp from " + dir + ": " + t, t);
                }
            }
            return instance;
        }
    }

    public LlamaApi api() {
        return api;
    }

    public Path directory() {
        return directory;
    }

    /** The last errors llama.cpp logged, for exception messages (it reports load failures there). */
    public static List<String> recentErrors() {
        synchronized (recentErrors) {
            return List.copyOf(recentErrors);
        }
    }

    public static void clearRecentErrors() {
        synchronized (recentErrors) {
            recentErrors.clear();
        }
    }

    /**
     * ggml_log_callback: (enum ggml_log_level level, const char * text, void * user_data). An
     * upcall: nothing may be thrown out of it (the JVM would exit), so a failing logger loses the
     * line and nothing else. Errors are kept for exception messages before they are logged.
     */
    private static void onLog(int level, MemorySegment text, MemorySegment user) {
        try {
            String s = text.reinterpret(Long.MAX_VALUE).getString(0).stripTrailing();
            if (s.isEmpty()) return;
            switch (level) {
                case 4 -> {
                    synchronized (recentErrors) {
                        if (recentErrors.size() == RECENT_ERRORS) recentErrors.removeFirst();
                        recentErrors.addLast(s);
                    }
                    log.error(s);
                }
                case 3 -> log.warn(s);
                case 2 -> log.debug(s); // llama.cpp's INFO is a page per model load: debug for us
                default -> log.trace(s);
            }
        } catch (Throwable t) {
            // The logger failed (or the text was unreadable): there is nowhere safer to report it.
        }
    }
}
