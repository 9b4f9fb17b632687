package dev.docent.cli;

import dev.docent.web.RunningDocent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./docent} launcher as a user runs it: {@code --help} prints the usage and not one
 * line on stderr (the JVM's incubator-module warning included). Runs from the test classpath
 * (DOCENT_CLASSPATH), since the jar is built after the tests; the jar's class archive, which only
 * the jar gets, is checked from Main's side. Messages printed as the JVM ends reach stderr.
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

    /** The first run after a build says why its end takes longer (the JVM writes the class archive then). */
    @Test
    void theRunThatWritesTheClassArchiveSaysSoAsItEnds() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (boolean first : new boolean[] {true, false}) {
            Process p = new ProcessBuilder(java, "-Ddocent.cds_first_run=" + first, "-cp", cp, Main.class.getName(), "--help")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(first, stderr.contains("saving start-up data"), "first run " + first + ": " + stderr);
        }
    }

    /** Closing the terminal log handler at shutdown must not close stderr under later messages. */
    @Test
    void stderrStaysOpenAfterTheLogHandlersClose() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", cp, LateStderrChild.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(stderr.contains("late line"), "stderr was closed at shutdown: '" + stderr + "'");
    }
}
