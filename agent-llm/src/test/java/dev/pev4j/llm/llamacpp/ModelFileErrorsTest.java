package dev.pev4j.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.llamacpp.gguf.GgufWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken model files fail before or at load with one message naming the file and what is wrong with it. */
class ModelFileErrorsTest {

    @TempDir
    Path dir;

    @Test
    void names_the_gguf_files_next_to_a_missing_model_file() throws Exception {
        Files.writeString(dir.resolve("other.gguf"), "x");
        Path missing = dir.resolve("nope.gguf");

        assertThatThrownBy(() -> LlamaCppLlm.load(missing))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.path()).isEqualTo(missing);
                    assertThat(e.isRetriable()).isFalse();
                })
                .hasMessage("model file '" + missing + "' does not exist; .gguf files in '" + dir + "': other.gguf");
    }

    @Test
    void says_when_the_directory_of_a_missing_model_file_is_missing_too() {
        Path missing = dir.resolve("models").resolve("nope.gguf");

        assertThatThrownBy(() -> LlamaCppLlm.load(missing))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("model file '" + missing + "' does not exist; its directory '" + dir.resolve("models")
                        + "' does not exist either");
    }

    @Test
    void rejects_a_directory_as_model_file() {
        assertThatThrownBy(() -> LlamaCppLlm.load(dir))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("model file '" + dir + "' is a directory; '" + dir + "' holds no .gguf files");
    }

    @Test
    void rejects_a_file_that_is_not_gguf() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.gguf"), "hello, I am not a model");

        assertThatThrownBy(() -> LlamaCppLlm.load(garbage))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("model file '" + garbage + "' is not a GGUF file: it starts with bytes 68 65 6c 6c"
                        + " where a GGUF file starts with 47 47 55 46 (\"GGUF\")");
    }

    @Test
    void rejects_a_gguf_file_whose_tensor_data_is_cut_short() throws Exception {
        byte[] whole = Files.readAllBytes(TinyModels.llama(dir));
        Path truncated = Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> LlamaCppLlm.load(truncated))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("model file '" + truncated + "' is truncated: it has " + whole.length / 2
                        + " bytes but its 21 tensors need " + whole.length + "; download it again");
    }

    @Test
    void rejects_a_gguf_file_cut_inside_its_header() throws Exception {
        byte[] whole = Files.readAllBytes(TinyModels.llama(dir));
        Path truncated = Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(whole, 100));

        assertThatThrownBy(() -> LlamaCppLlm.load(truncated))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("model file '" + truncated + "' is truncated: it ends inside its GGUF header after 100"
                        + " bytes; download it again");
    }

    @Test
    void rejects_a_gguf_version_llama_cpp_does_not_read() throws Exception {
        byte[] header = ByteBuffer.allocate(24)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put("GGUF".getBytes(StandardCharsets.US_ASCII))
                .putInt(1)
                .putLong(0)
                .putLong(0)
                .array();
        Path old = Files.write(dir.resolve("v1.gguf"), header);

        assertThatThrownBy(() -> LlamaCppLlm.load(old))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("model file '" + old + "' has GGUF version 1; llama.cpp reads versions 2 and 3");
    }

    @Test
    void wraps_llama_cpp_refusing_a_well_formed_file() throws Exception {
        Path unknown = dir.resolve("unknown-arch.gguf");
        new GgufWriter().put("general.architecture", "nonesuch").write(unknown);

        assertThatThrownBy(() -> LlamaCppLlm.load(unknown))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("llama.cpp (build b4916) could not load model file '" + unknown
                        + "' (architecture 'nonesuch'): could not load model from given file path;"
                        + " llama.cpp logs the reason on standard error");
    }

    @Test
    void build_fails_without_a_model_file() {
        assertThatThrownBy(() -> LlamaCppLlm.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A model file is required: call modelFile(path).");
    }

    @Test
    void builder_rejects_out_of_range_settings() {
        LlamaCppLlm.Builder builder = LlamaCppLlm.builder();

        assertThatThrownBy(() -> builder.threads(0)).hasMessage("threads must be >= 1 but was 0");
        assertThatThrownBy(() -> builder.contextSize(8)).hasMessage("contextSize must be >= 16 but was 8");
        assertThatThrownBy(() -> builder.gpuLayers(-1)).hasMessage("gpuLayers must be >= 0 but was -1");
    }

    @Test
    void a_model_file_error_is_a_non_retriable_llm_exception() {
        LlmException e = new ModelFileException(dir, "m", null);

        assertThat(e.isRetriable()).isFalse();
    }
}
