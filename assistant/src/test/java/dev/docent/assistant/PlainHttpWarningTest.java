package dev.docent.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.remote.RemoteOptions;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A remote endpoint over plain http gets a warning at start that says what crosses the network; https and loopback do not. */
class PlainHttpWarningTest {

    private static RemoteOptions remote(String url, String key) {
        RemoteOptions o = RemoteOptions.defaults(URI.create(url), "m").withAllowRemote(true);
        return key == null ? o : o.withApiKey(key);
    }

    @Test
    void plainHttpToAnotherMachineIsNamedWithWhatCrossesTheNetwork() {
        Optional<String> w = GeneratorFactory.plainHttpWarning(remote("http://192.0.2.7:8000/v1", null));
        assertTrue(w.isPresent());
        assertTrue(w.get().contains("unencrypted") && w.get().contains("https://") && !w.get().contains("API key"), w.get());
        assertTrue(GeneratorFactory.plainHttpWarning(remote("http://192.0.2.7:8000/v1", "k")).orElseThrow().contains("API key"));
    }

    @Test
    void httpsAndLoopbackGetNoWarning() {
        assertEquals(Optional.empty(), GeneratorFactory.plainHttpWarning(remote("https://192.0.2.7/v1", "k")));
        assertEquals(Optional.empty(), GeneratorFactory.plainHttpWarning(remote("http://127.0.0.1:11434/v1", "k")));
        assertEquals(Optional.empty(), GeneratorFactory.plainHttpWarning(
                RemoteOptions.defaults(URI.create("http://192.0.2.7/v1"), "m"))); // refused anyway without allow_remote
    }
}
