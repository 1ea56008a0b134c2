package dev.pev4j.llm.llamacpp;

import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.LocalLlmContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared {@link LocalLlm} contract, on a tiny random-weight llama model. */
class LlamaCppLlmContractTest extends LocalLlmContract {

    @TempDir
    static Path dir;

    private static LlamaCppLlm llm;

    @BeforeAll
    static void load() {
        llm = LlamaCppLlm.builder()
                .modelFile(TinyModels.llama(dir))
                .threads(1)
                .contextSize(1024)
                .build();
    }

    @AfterAll
    static void close() {
        llm.close();
    }

    @Override
    protected LocalLlm model() {
        return llm;
    }
}
