package dev.docent.embedder.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Prepares ONNX Runtime before its first use so that it keeps Docent's promise of no network:
 *
 * <ul>
 *   <li>Its official Linux and macOS builds (1.2x) ship "1DS" telemetry: at start-up they look up
 *       the vendor's collector in DNS, write a device id under {@code ~/.cache/Microsoft} and queue
 *       events to upload. {@code ORT_DISABLE_TELEMETRY=1} in the process environment, read when the
 *       native library initialises, turns all of it off. Java cannot set its own environment, so
 *       this calls libc's {@code setenv} through FFM (the one use of {@code java.lang.foreign}
 *       outside llm.internal: ten lines, no handles kept). On Windows the runtime uses ETW instead,
 *       which {@code OrtEnvironment.setTelemetry(false)} turns off after creation.</li>
 *   <li>ORT's Java loader unpacks its 28 MB library into a new temporary folder on every start and
 *       leaves the folder behind. With {@code onnxruntime.native.path} pointing at a copy unpacked
 *       once into Docent's cache, start-up skips the copy; the empty folder it still creates in
 *       {@code java.io.tmpdir} is removed after loading.</li>
 * </ul>
 */
public final class OnnxRuntimeSetup {

    /** The variable ONNX Runtime's POSIX telemetry reads once, when the library initialises. */
    static final String TELEMETRY_OFF_VARIABLE = "ORT_DISABLE_TELEMETRY";
    private static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";

    private OnnxRuntimeSetup() {}

    /** Turns ORT's telemetry off for this process; idempotent, and must run before ORT loads. */
    public static synchronized void disableTelemetry() {
        if (isWindows() || "1".equals(System.getenv(TELEMETRY_OFF_VARIABLE))) return;
        try (Arena arena = Arena.ofConfined()) {
            Linker linker = Linker.nativeLinker();
            MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            int rc = (int) setenv.invokeExact(arena.allocateFrom(TELEMETRY_OFF_VARIABLE), arena.allocateFrom("1"), 1);
            if (rc != 0) throw new IllegalStateException("setenv failed with " + rc);
        } catch (Throwable e) {
            // Refuse to start the runtime rather than let it phone home.
            throw new IllegalStateException("Cannot turn off ONNX Runtime's telemetry (" + e.getMessage()
                    + "); set " + TELEMETRY_OFF_VARIABLE + "=1 in the environment to run Docent.", e);
        }
    }

    /**
     * Unpacks this platform's ORT libraries into {@code cacheDir} (again only when a library's size
     * differs from the bundled one, i.e. after an upgrade) and tells ORT to load them from there.
     * Does nothing when a native path is already set or the platform is not bundled.
     */
    public static synchronized void useNativeCache(Path cacheDir) throws IOException {
        if (System.getProperty(NATIVE_PATH_PROPERTY) != null) return;
        String platform = platform();
        Path dir = cacheDir.resolve("onnxruntime").resolve(platform);
        for (String lib : libraries()) {
            URL bundled = OnnxRuntimeSetup.class.getResource("/ai/onnxruntime/native/" + platform + "/" + lib);
            if (bundled == null) return; // not bundled for this platform: let ORT's own loader decide
            URLConnection connection = bundled.openConnection();
            Path target = dir.resolve(lib);
            if (Files.isRegularFile(target) && Files.size(target) == connection.getContentLengthLong()) continue;
            try (InputStream in = connection.getInputStream()) {
                Files.createDirectories(dir);
                Path partial = Files.createTempFile(dir, lib, ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.setProperty(NATIVE_PATH_PROPERTY, dir.toString());
    }

    /** Removes the empty {@code onnxruntime-java*} folders ORT's loader leaves in the temp folder. */
    static void removeEmptyLoaderFolders() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "onnxruntime-java*")) {
            for (Path d : dirs) {
                try (DirectoryStream<Path> inside = Files.newDirectoryStream(d)) {
                    if (!inside.iterator().hasNext()) Files.deleteIfExists(d);
                } catch (IOException ignored) {
                    // another process's folder, or not ours to remove
                }
            }
        } catch (IOException ignored) {
            // an unreadable temp folder only means the empty folders stay
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
    }

    /** ORT's folder name for this platform inside its jar, e.g. {@code linux-x64}. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "osx" : isWindows() ? "win" : "linux";
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch;
        return o + "-" + a;
    }

    private static List<String> libraries() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (isWindows()) return List.of("onnxruntime.dll", "onnxruntime_providers_shared.dll", "onnxruntime4j_jni.dll");
        if (os.contains("mac") || os.contains("darwin")) return List.of("libonnxruntime.dylib", "libonnxruntime4j_jni.dylib");
        return List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");
    }
}
