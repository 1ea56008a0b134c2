package dev.pev4j.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LlmResponse.FinishReason;
import dev.pev4j.llm.llamacpp.gguf.GgufWriter.TensorType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny model whose weight matrices {@link dev.pev4j.llm.llamacpp.gguf.GgufWriter} wrote as Q8_0. */
class Q8ModelTest {

    @TempDir
    Path dir;

    @Test
    void llama_cpp_loads_a_q8_0_model_and_generates() throws Exception {
        Path f32 = TinyModels.llama(dir.resolve("f32.gguf"), 1234L, TensorType.F32);
        Path q8 = TinyModels.llama(dir.resolve("q8.gguf"), 1234L, TensorType.Q8_0);

        LlmResponse reply;
        try (LlamaCppLlm llm =
                LlamaCppLlm.builder().modelFile(q8).threads(1).contextSize(256).build()) {
            reply = llm.chat(LlmRequest.builder()
                    .user("Name three colours.")
                    .maxTokens(8)
                    .seed(3)
                    .build());
        }

        assertThat(reply.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
        if (reply.finishReason() == FinishReason.LENGTH) {
            assertThat(reply.usage().outputTokens()).isEqualTo(8);
        } else {
            assertThat(reply.usage().outputTokens()).isBetween(1, 8);
        }
        // 34 bytes per block of 32 values instead of 128: the Q8_0 file is a good deal smaller.
        assertThat(Files.size(q8)).isLessThan(Files.size(f32) * 2 / 5);
    }
}
