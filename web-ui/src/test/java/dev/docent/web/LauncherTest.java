package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./docent} launcher as a user runs it: {@code --help} prints the usage and not one
 * line on stderr (the JVM's incubator-module warning included). Runs from the test classpath
 * (DOCENT_CLASSPATH), since the jar is built after the tests.
 */
class LauncherTest {

    @Test
    void helpPrintsUsageAndNothingOnStderr() throws Exception {
        Path root = RunningDocent.repoRoot();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("docent").toString(), "--help");
        pb.environment().put("DOCENT_CLASSPATH", cp);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String stderr = new String(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(new String(out, StandardCharsets.UTF_8).contains("Usage: ./docent <command>"));
        assertEquals("", stderr, "the launcher's --help wrote to stderr");
    }
}
