package dev.pev4j.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.LlamaModel;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The longest text a llama.cpp grammar accepts, and the reply token bound a model declares from it. */
class GrammarBoundTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiterString = "=>",
            value = {
                "root ::= \"abc\"                        => 3",
                "root ::= \"é€😀\"                       => 9",
                "root ::= \"\\x41\\u00e9\\U0001F600\\n\" => 8",
                "root ::= [a-z]                          => 1",
                "root ::= [a-zé]                         => 2",
                "root ::= [^\"\\\\]                      => 4",
                "root ::= .                              => 4",
                "root ::= \"ab\" | \"abcd\" | \"a\"      => 4",
                "root ::= (\"ab\" [0-9]){2,3} \"x\"?     => 10",
                "root ::= [0-9]{5}                       => 5",
                "root ::= a b a  ⏎a ::= \"xy\"⏎b ::= a{0,4} # comment => 12",
                "root ::= (⏎  \"a\" |⏎  \"bcd\"⏎)     => 3",
            })
    void the_longest_text_of_a_bounded_grammar(String grammar, long bytes) {
        assertThat(GrammarBound.maxBytes(grammar.strip().replace("⏎", "\n"))).hasValue(bytes);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '@',
            value = {
                "root ::= \"a\"*",
                "root ::= [0-9]+",
                "root ::= \"a\"{2,}",
                "root ::= \"(\" root? \")\"",
                "root ::= a⏎a ::= \"x\" b⏎b ::= a | \"y\"",
            })
    void a_grammar_with_an_unbounded_repetition_or_recursion_has_no_longest_text(String grammar) {
        assertThat(GrammarBound.maxBytes(grammar.replace("⏎", "\n"))).isEqualTo(OptionalLong.empty());
    }

    @Test
    void an_empty_repetition_of_nothing_is_bounded() {
        assertThat(GrammarBound.maxBytes("root ::= \"\"* \"a\"")).hasValue(1);
    }

    @Test
    void a_grammar_without_root_or_with_a_syntax_error_is_an_error() {
        assertThatThrownBy(() -> GrammarBound.maxBytes("start ::= \"a\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the grammar has no rule 'root'");
        assertThatThrownBy(() -> GrammarBound.maxBytes("root = \"a\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a grammar llama.cpp reads: expected '::=' after rule name 'root' at offset 5 near"
                        + " 'root = \"a\"'");
    }

    @Test
    void a_json_string_of_at_most_n_characters_is_at_most_six_n_bytes_plus_quotes_and_whitespace() {
        // given: llama.cpp's conversion; a character is a \\uXXXX escape at most (6 bytes), whitespace up to 22
        String grammar = LlamaModel.jsonSchemaToGrammar("{\"type\": \"string\", \"maxLength\": 10}");

        // then
        assertThat(GrammarBound.maxBytes(grammar)).hasValue(2 + 6 * 10 + 22);
    }

    @Test
    void a_tiny_model_never_exceeds_the_bound_it_declares_so_a_reply_within_it_always_parses() throws Exception {
        String schema = "{\"type\": \"object\", \"properties\": {\"note\": {\"type\": \"string\", \"maxLength\": 40},"
                + " \"tags\": {\"type\": \"array\", \"maxItems\": 3, \"items\": {\"type\": \"string\", \"maxLength\": 8}}},"
                + " \"required\": [\"note\", \"tags\"], \"additionalProperties\": false}";
        ObjectMapper json = new ObjectMapper();
        try (LlamaCppLlm llm = LlamaCppLlm.builder()
                .modelFile(TinyModels.llama(dir))
                .threads(1)
                .contextSize(2048)
                .build()) {
            int bound = llm.replyTokenBound(schema).orElseThrow();
            // llama.cpp's grammar: whitespace ("space") up to 22 bytes, a string character up to 6
            int space = 22;
            int note = (1 + 40 * 6 + 1 + space);
            int tag = (1 + 8 * 6 + 1 + space);
            int tags = 1 + space + tag + 2 * (1 + space + tag) + 1 + space;
            int noteKv = 6 + space + 1 + space + note;
            int tagsKv = 6 + space + 1 + space + tags;
            int root = 1 + space + noteKv + 1 + space + tagsKv + 1 + space;
            assertThat(bound).isEqualTo(root + 1);
            for (long seed = 1; seed <= 8; seed++) {
                LlmResponse reply = llm.chat(LlmRequest.builder()
                        .user("Write a note.")
                        .maxTokens(bound)
                        .temperature(1.0)
                        .seed(seed)
                        .jsonSchema(schema)
                        .build());

                assertThat(reply.finishReason())
                        .as("seed %d: %s", seed, reply.text())
                        .isEqualTo(LlmResponse.FinishReason.STOP);
                assertThat(reply.usage().outputTokens()).isLessThanOrEqualTo(bound);
                assertThat(json.readTree(reply.text()).has("note")).isTrue();
            }
        }
    }
}
