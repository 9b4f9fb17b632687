package dev.docent.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.llm.GenerationRequest;
import dev.docent.llm.Sampling;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAI request fields a pass-through chat hands to the generator: stop, sampling, usage. */
class ChatRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChatRequest parse(String extra) {
        return ChatRequest.parse(JSON, "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]" + extra + "}");
    }

    @Test
    void stopSamplingAndUsageReachTheGenerationRequest() {
        GenerationRequest r = parse(", \"stop\": [\"\\n\\n\", \"END\"], \"temperature\": 0.7, \"top_p\": 0.5, \"seed\": 3,"
                + " \"stream\": true, \"stream_options\": {\"include_usage\": true}").generationRequest(16);
        assertEquals(List.of("\n\n", "END"), r.stop());
        assertEquals(16, r.maxTokens());
        assertEquals(0.7f, r.sampling().temperature());
        assertEquals(0.5f, r.sampling().topP());
        assertEquals(3, r.sampling().seed());
        assertTrue(parse(", \"stream_options\": {\"include_usage\": true}").includeUsage());

        assertEquals(List.of("END"), parse(", \"stop\": \"END\"").stop());
        assertEquals(Sampling.GREEDY, parse(", \"temperature\": 0").sampling());
        ChatRequest plain = parse("");
        assertNull(plain.sampling(), "no temperature: the generator's own default");
        assertEquals(List.of(), plain.stop());
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        var tooMany = assertThrows(OpenAiError.class, () -> parse(", \"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]"));
        assertEquals("stop", tooMany.body().get("error") instanceof java.util.Map<?, ?> m ? m.get("param") : null);
        assertThrows(OpenAiError.class, () -> parse(", \"stop\": [\"\"]"));
        assertThrows(OpenAiError.class, () -> parse(", \"stop\": 5"));
        var hot = assertThrows(OpenAiError.class, () -> parse(", \"temperature\": 3"));
        assertTrue(hot.getMessage().contains("temperature"), hot.getMessage());
        assertThrows(OpenAiError.class, () -> parse(", \"temperature\": 1, \"top_p\": 0"));
    }
}
