package dev.docent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docent's CLI in a child JVM started with the launcher's flags and the test classpath (the jar
 * is built after the tests), for tests that need a real process: to trace its system calls, to
 * signal it, to run it with another HOME.
 */
final class ChildDocent implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("Docent is serving http://127\\.0\\.0\\.1:(\\d+)/");

    final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ChildDocent(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(this::readOutput);
    }

    /**
     * Starts {@code prefix} (e.g. strace and its options, or nothing) then java running
     * {@code dev.docent.cli.Main args}, with {@code env} added to this process's environment.
     */
    static ChildDocent start(List<String> prefix, Map<String, String> env, List<String> jvmFlags, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Xmx1g"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", classpath(), Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new ChildDocent(pb.start());
    }

    /** Surefire runs tests from a manifest-only jar; the real classpath is in its own property. */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private void readOutput() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = SERVING.matcher(line);
                if (m.find()) port.complete(Integer.parseInt(m.group(1)));
            }
        } catch (IOException ignored) {
            // the process ended
        }
        port.completeExceptionally(new IllegalStateException("docent exited before serving:\n" + output()));
    }

    /** The port {@code serve} printed, waiting for it up to {@code timeout}. */
    int awaitPort(Duration timeout) throws Exception {
        return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits up to {@code timeout} for a line of output containing {@code text}. */
    void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) throw new IllegalStateException("docent exited before printing '" + text + "':\n" + output());
            if (System.nanoTime() > end) throw new IllegalStateException("no '" + text + "' within " + timeout + ":\n" + output());
            Thread.sleep(50);
        }
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Sends SIGTERM and waits up to {@code timeout}; returns the exit code, or -1 if still alive. */
    int terminate(Duration timeout) throws InterruptedException {
        // With a tracer in front, the JVM is its child: signal the JVM, the tracer then ends with it.
        process.descendants().forEach(ProcessHandle::destroy);
        // The handle sends only the signal; Process.destroy() would also close the child's stdin,
        // which an MCP server rightly takes as "the client is done" and exits 0 before the signal.
        process.toHandle().destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (terminate(Duration.ofSeconds(20)) == -1) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
