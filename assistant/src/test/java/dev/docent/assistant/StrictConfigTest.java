package dev.docent.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docent.properties is read strictly: an unknown key (a typo) and a value that is not what its key
 * takes stop the start with the key, the file and the line, instead of being ignored or guessed.
 */
class StrictConfigTest {

    @Test
    void anUnknownKeyIsRefusedWithItsLineAndTheKeyItProbablyMeant(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("docent.properties"), """
                # my settings
                server.port = 8181

                llm.temprature = 0.7
                """);
        var e = assertThrows(IllegalArgumentException.class, () -> DocentConfig.load(f));
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("'llm.temprature'")
                && e.getMessage().contains("did you mean 'llm.temperature'"), e.getMessage());
    }

    @Test
    void booleansAreTrueOrFalseAndNothingElse(@TempDir Path tmp) throws Exception {
        for (String key : new String[] {"llm.allow_remote_endpoint", "indexing.yield_to_answers", "indexing.respect_gitignore"}) {
            Path f = Files.writeString(tmp.resolve("b.properties"), "llm.endpoint = http://127.0.0.1:9/v1\n"
                    + "llm.endpoint_model = m\n" + key + " = yes\n");
            var e = assertThrows(IllegalArgumentException.class, () -> DocentConfig.load(f), key);
            assertTrue(e.getMessage().contains(key + " must be true or false, got 'yes'") && e.getMessage().contains("line 3"),
                    e.getMessage());
        }
        Path ok = Files.writeString(tmp.resolve("ok.properties"), "indexing.respect_gitignore = FALSE\nindexing.yield_to_answers = true\n");
        DocentConfig c = DocentConfig.load(ok);
        assertEquals(false, c.respectGitignore());
        assertEquals(true, c.yieldToAnswers());
    }

    @Test
    void aBadNumberNamesItsLine(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("n.properties"), "ask.top_k = 5\nserver.port = eighty\n");
        var e = assertThrows(IllegalArgumentException.class, () -> DocentConfig.load(f));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("server.port must be a whole number"), e.getMessage());
    }

    @Test
    void theShippedConfigUsesOnlyKnownKeys() {
        Path shipped = Path.of(System.getProperty("docent.repo.root", "..")).resolve("config/docent.properties");
        assertTrue(Files.isRegularFile(shipped), shipped.toString());
        DocentConfig.load(shipped); // throws on any key ConfigKeys does not know
    }
}
