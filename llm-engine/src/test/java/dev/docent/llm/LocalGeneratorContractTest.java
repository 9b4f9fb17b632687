package dev.docent.llm;

import dev.docent.llm.factory.Generators;

import java.nio.file.Files;
import java.nio.file.Path;

/** The llama.cpp generator, in process, holds to the {@link GeneratorContract}. */
class LocalGeneratorContractTest extends GeneratorContract {

    private Path dir;

    @Override
    protected Generator open() throws Exception {
        dir = Files.createTempDirectory("docent-local-contract");
        return Generators.llama(LlamaOptions.defaults(tinyModel(dir)).withContextSize(CONTEXT).withThreads(1)
                .withSampling(Sampling.GREEDY).withQueueCapacity(1));
    }

    @Override
    protected void cleanUp() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }

    @Override
    protected String expectedModelName() {
        return TINY_MODEL_NAME;
    }
}
