package dev.pev4j.llm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.hub.ModelResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HfTokenizerCounter} on a tiny word-level tokenizer.json written by the test; no network. */
class HfTokenizerCounterTest {

    private static final String WORD_LEVEL = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [{"id": 4, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false,
                               "normalized": false, "special": true}],
             "normalizer": null, "pre_tokenizer": {"type": "Whitespace"},
             "post_processor": {"type": "TemplateProcessing",
                                "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                                           {"Sequence": {"id": "A", "type_id": 0}}],
                                "pair": [{"Sequence": {"id": "A", "type_id": 0}}],
                                "special_tokens": {"<s>": {"id": "<s>", "ids": [4], "tokens": ["<s>"]}}},
             "decoder": null,
             "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "hello": 1, "world": 2, ",": 3, "<s>": 4},
                       "unk_token": "[UNK]"}}""";

    @TempDir
    Path dir;

    @Test
    void counts_tokens_with_the_tokenizer_json_without_special_tokens() throws Exception {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), WORD_LEVEL);

        try (HfTokenizerCounter counter = HfTokenizerCounter.load(file)) {
            assertThat(counter.count("hello, world")).isEqualTo(3);
            assertThat(counter.count("hello strangers world")).isEqualTo(3);
            assertThat(counter.count("")).isZero();
            assertThat(counter.file()).isEqualTo(file.toAbsolutePath());
        }
    }

    @Test
    void resolves_a_local_path_through_the_model_resolver() throws Exception {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), WORD_LEVEL);
        ModelResolver resolver = ModelResolver.builder()
                .environment(Map.of("HF_HOME", dir.resolve("hf").toString()))
                .offline(true)
                .build();

        try (HfTokenizerCounter counter = HfTokenizerCounter.load(resolver, file.toString())) {
            assertThat(counter.count("world world")).isEqualTo(2);
        }
    }

    @Test
    void a_missing_tokenizer_file_is_an_error_naming_it() {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> HfTokenizerCounter.load(missing))
                .isInstanceOf(LlmException.class)
                .hasMessage("tokenizer file '" + missing.toAbsolutePath() + "' does not exist; give the path of a"
                        + " model's tokenizer.json or a reference such as hf:owner/repo/tokenizer.json");
    }

    @Test
    void a_file_that_is_not_a_tokenizer_is_an_error_naming_it() throws Exception {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 42}");

        assertThatThrownBy(() -> HfTokenizerCounter.load(file))
                .isInstanceOf(LlmException.class)
                .hasMessageStartingWith(
                        "tokenizer file '" + file.toAbsolutePath() + "' cannot be read as a HuggingFace tokenizer: ");
    }
}
