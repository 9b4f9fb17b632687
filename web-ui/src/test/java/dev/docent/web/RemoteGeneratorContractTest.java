package dev.docent.web;

import dev.docent.assistant.LlmSettings;

import dev.docent.llm.Generator;
import dev.docent.llm.GeneratorContract;
import dev.docent.llm.factory.Generators;
import dev.docent.llm.Sampling;
import dev.docent.llm.remote.RemoteOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The remote generator holds to the same {@link GeneratorContract} as the in-process engine,
 * against a real OpenAI-compatible server: a second Docent serving {@code /v1} on an ephemeral
 * port with the tiny model loaded, whose name passes chats straight to its generator.
 */
class RemoteGeneratorContractTest extends GeneratorContract {

    private Path tmp;
    private RunningDocent server;

    @Override
    protected Generator open() throws Exception {
        tmp = Files.createTempDirectory("docent-remote-contract");
        server = modelServer(tmp, CONTEXT);
        return Generators.remote(RemoteOptions.defaults(URI.create(server.base() + "/v1"), TINY_MODEL_NAME)
                .withContextSize(CONTEXT).withSampling(Sampling.GREEDY).withQueueCapacity(1)
                .withApiKey(server.token())); // the server's DATA/api-token, sent as Bearer (llm.endpoint_key_env's job)
    }

    /** A Docent that serves the tiny model over /v1 (greedy by default), over an empty folder; it wants its token. */
    static RunningDocent modelServer(Path tmp, int context) throws Exception {
        return modelServer(tmp, context, true);
    }

    /** As {@link #modelServer(Path, int)}, with or without {@code server.require_token}. */
    static RunningDocent modelServer(Path tmp, int context, boolean requireToken) throws Exception {
        Path model = tinyModel(Files.createDirectories(tmp.resolve("model")));
        Path empty = Files.createDirectories(tmp.resolve("nothing"));
        LlmSettings llm = new LlmSettings(model, context, 1, 0, 0f, 512, 60, 4);
        return new RunningDocent(empty, tmp.resolve("server"), c -> c.withLlm(llm).withRequireToken(requireToken));
    }

    @Override
    protected void cleanUp() throws Exception {
        if (server != null) server.close();
        deleteTree(tmp);
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Override
    protected String expectedModelName() {
        return TINY_MODEL_NAME;
    }
}
