package dev.pev4j.llm.langchain4j;

import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.LocalLlmContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared {@link LocalLlm} contract, on a {@link ChatModelLlm} talking to a fake an OpenAI-compatible server. */
class OpenAiCompatibleContractTest extends LocalLlmContract {

    private FakeModelServer server;

    @BeforeEach
    void startServer() {
        server = FakeModelServer.start(FakeModelServer.Wire.OPENAI);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected LocalLlm model() {
        return ServerLlms.openAiCompatible(server.baseUrl(), "tiny")
                .maxAttempts(1)
                .build();
    }
}
