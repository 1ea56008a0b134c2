package dev.pev4j.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LlmResponse.FinishReason;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LlamaCppLlm} on a tiny random-weight llama model: replies are gibberish, so tests assert structure. */
class LlamaCppLlmTest {

    private static final String BOUNDED_SCHEMA = """
            {"type": "object",
             "properties": {
               "kind": {"enum": ["plan", "answer", "ask"]},
               "count": {"type": "integer", "minimum": 0, "maximum": 999},
               "note": {"type": "string", "maxLength": 12}},
             "required": ["kind", "count", "note"],
             "additionalProperties": false}""";

    @TempDir
    static Path dir;

    private static LlamaCppLlm llm;

    @BeforeAll
    static void load() {
        // The prompt cache off: these tests compare replies exactly, and a random-weight model's near ties can go the
        // other way when a prefix comes from the cache (see LlamaCppLlm's javadoc); PrefixReuseTest covers the cache.
        llm = LlamaCppLlm.builder()
                .modelFile(TinyModels.llama(dir))
                .threads(1)
                .contextSize(1024)
                .promptCache(false)
                .build();
    }

    @AfterAll
    static void close() {
        llm.close();
    }

    private static LlmRequest.Builder request() {
        return LlmRequest.builder()
                .system("You are terse.")
                .user("Name three colours.")
                .maxTokens(24)
                .temperature(1.0)
                .seed(7);
    }

    @Test
    void loads_the_model_and_generates_a_reply_within_the_token_limit() {
        LlmResponse reply = llm.chat(request().build());

        assertThat(reply.usage().inputTokens()).isPositive();
        assertThat(reply.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
        if (reply.finishReason() == FinishReason.LENGTH) {
            assertThat(reply.usage().outputTokens()).isEqualTo(24);
        } else {
            assertThat(reply.usage().outputTokens()).isBetween(1, 24);
        }
        assertThat(reply.logprobs()).isEmpty();
    }

    @Test
    void counts_the_tokens_of_replies_that_end_by_themselves_exactly_multi_byte_characters_included() {
        // given: replies of ASCII letters and three-byte characters, which this vocabulary writes a byte a token, so
        // llama.cpp streams the three tokens of such a character as one piece
        String schema = "{\"type\": \"string\", \"pattern\": \"^[\u20ac\u2192\u2260 ]{20,}$\"}";
        int endedWithMultiByte = 0;
        for (long seed = 1; seed <= 8; seed++) {
            LlmRequest request =
                    request().maxTokens(200).seed(seed).jsonSchema(schema).build();

            // when
            LlmResponse reply = llm.chat(request);

            // then
            assertCountsExactly(request, reply);
            if (reply.finishReason() == FinishReason.STOP
                    && reply.text().chars().anyMatch(c -> c >= 0x80)) {
                endedWithMultiByte++;
            }
        }
        assertThat(endedWithMultiByte)
                .as("replies that ended by themselves and hold multi-byte characters")
                .isPositive();
    }

    /**
     * The output tokens of {@code reply} are exact: {@code maxTokens} when the limit cut it; otherwise the same request
     * limited to that count ends the same way with the same text and count, and limited to one token fewer is cut.
     */
    private static void assertCountsExactly(LlmRequest request, LlmResponse reply) {
        int tokens = reply.usage().outputTokens();
        if (reply.finishReason() == FinishReason.LENGTH) {
            assertThat(tokens).isEqualTo(request.maxTokens());
            return;
        }
        LlmResponse atCount = llm.chat(request.toBuilder().maxTokens(tokens).build());
        assertThat(atCount.finishReason())
                .as("the reply limited to its own %d tokens", tokens)
                .isEqualTo(reply.finishReason());
        assertThat(atCount.text()).isEqualTo(reply.text());
        assertThat(atCount.usage()).isEqualTo(reply.usage());
        if (tokens > 1) {
            LlmResponse oneFewer =
                    llm.chat(request.toBuilder().maxTokens(tokens - 1).build());
            assertThat(oneFewer.finishReason())
                    .as("the reply limited to %d tokens, one fewer than counted", tokens - 1)
                    .isEqualTo(FinishReason.LENGTH);
        }
    }

    @Test
    void a_reply_of_multi_byte_characters_cut_by_the_token_limit_counts_exactly_max_tokens() {
        // given: a schema whose string holds at least 20 three-byte characters (60 tokens) and nothing else, which this
        // vocabulary writes a byte a token,
        // so llama.cpp streams three tokens as one piece
        String schema = "{\"type\": \"string\", \"pattern\": \"^[\u20ac\u2192\u2260]{20,}$\"}";

        // when
        LlmResponse reply = llm.chat(request().maxTokens(40).jsonSchema(schema).build());

        // then
        assertThat(reply.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(reply.text().codePointCount(0, reply.text().length()))
                .as("pieces streamed, fewer than the tokens: %s", reply.text())
                .isLessThan(20);
        assertThat(reply.usage().outputTokens()).isEqualTo(40);
    }

    @Test
    void a_reply_cut_by_the_token_limit_says_length() {
        LlmResponse reply = llm.chat(request().maxTokens(1).seed(3).build());

        assertThat(reply.usage().outputTokens()).isEqualTo(1);
        assertThat(reply.finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
    }

    @Test
    void the_same_seed_gives_the_same_reply_at_temperature_one() {
        LlmResponse first = llm.chat(request().maxTokens(16).seed(11).build());
        LlmResponse second = llm.chat(request().maxTokens(16).seed(11).build());

        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.usage()).isEqualTo(first.usage());
    }

    @Test
    void declares_json_schemas_and_seeds_but_not_logprobs() {
        assertThat(llm.capabilities()).isEqualTo(new LlmCapabilities(true, false, true, 1024));
        assertThat(llm.name()).isEqualTo("tiny-llama.gguf");
    }

    @Test
    void renders_the_conversation_with_the_models_chat_template() {
        String prompt = llm.prompt(List.of(ChatMessage.system("S"), ChatMessage.user("hi")));

        assertThat(prompt)
                .isEqualTo("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n"
                        + "<|im_start|>assistant\n");
    }

    @Test
    void counts_tokens_with_the_models_own_tokenizer() {
        // Byte-level BPE with the merges "h e", "Ġ t" and "Ġt he": the, then -> [t][he][Ġthe][n]
        assertThat(llm.count("the then")).isEqualTo(4);
        assertThat(llm.count("<|im_end|>")).isEqualTo(1);
        assertThat(llm.count("")).isZero();
    }

    @Test
    void input_tokens_are_the_tokens_of_the_rendered_prompt() {
        LlmRequest request = request().build();

        LlmResponse reply = llm.chat(request);

        assertThat(reply.usage().inputTokens()).isEqualTo(llm.count(llm.prompt(request.messages())));
    }

    @Test
    void streams_pieces_that_concatenate_to_the_reply() {
        List<String> pieces = new ArrayList<>();

        LlmResponse reply = llm.chat(request().maxTokens(40).build(), pieces::add);

        assertThat(pieces).isNotEmpty().allSatisfy(p -> assertThat(p).isNotEmpty());
        assertThat(String.join("", pieces)).isEqualTo(reply.text());
    }

    @Test
    void streams_through_the_local_llm_interface_piece_by_piece() {
        List<String> pieces = new ArrayList<>();
        LocalLlm any = llm;

        LlmResponse reply = any.stream(request().maxTokens(40).build(), pieces::add);

        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo(reply.text());
    }

    @Test
    void streamed_pieces_stop_before_a_stop_string() {
        for (long seed = 0; seed < 5; seed++) {
            List<String> pieces = new ArrayList<>();

            LlmResponse reply =
                    llm.chat(request().maxTokens(40).seed(seed).stop("e", " ").build(), pieces::add);

            assertThat(reply.text()).doesNotContain("e").doesNotContain(" ");
            assertThat(String.join("", pieces)).isEqualTo(reply.text());
            if (reply.finishReason() == FinishReason.STOP_STRING) {
                assertThat(reply.usage().outputTokens()).isPositive();
            }
        }
    }

    @Test
    void an_interrupt_during_generation_cancels_it_and_keeps_the_interrupt() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<String> pieces = new ArrayList<>();

            LlmResponse reply = llm.chat(request().maxTokens(200).build(), piece -> {
                pieces.add(piece);
                Thread.currentThread().interrupt();
            });
            boolean stillInterrupted = Thread.interrupted();

            assertThat(reply.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(stillInterrupted).isTrue();
            assertThat(pieces).hasSize(1);
            assertThat(reply.text()).isEqualTo(pieces.get(0));
            assertThat(reply.usage().outputTokens()).isLessThan(200);
        });
        LlmResponse after = llm.chat(request().build());
        assertThat(after.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
    }

    @Test
    void an_interrupted_caller_gets_a_cancelled_reply_without_generation() {
        Thread.currentThread().interrupt();
        LlmResponse reply;
        try {
            reply = llm.chat(request().build());
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }

        assertThat(reply.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(reply.text()).isEmpty();
        assertThat(reply.usage().outputTokens()).isZero();
    }

    @Test
    void replies_constrained_by_a_bounded_schema_always_parse() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (long seed = 1; seed <= 20; seed++) {
            LlmRequest request = request()
                    .maxTokens(400)
                    .seed(seed)
                    .jsonSchema(BOUNDED_SCHEMA)
                    .build();

            LlmResponse reply = llm.chat(request);

            assertThat(reply.finishReason())
                    .as("seed %d: %s", seed, reply.text())
                    .isEqualTo(FinishReason.STOP);
            JsonNode node = json.readTree(reply.text());
            assertThat(node.get("kind").asText()).isIn("plan", "answer", "ask");
            assertThat(node.get("count").isIntegralNumber()).isTrue();
            assertThat(node.get("count").asInt()).isBetween(0, 999);
            // maxLength counts characters as llama.cpp's grammar decodes UTF-8, leniently: a random-weight model writes
            // invalid byte sequences that the grammar takes as one character and Java decodes to several U+FFFD.
            String note = node.get("note").asText().replace("\uFFFD", "");
            assertThat(note.codePointCount(0, note.length())).isLessThanOrEqualTo(12);
            assertThat(node.size()).isEqualTo(3);
        }
    }

    @Test
    void a_schema_with_full_int_range_bounds_gives_a_reply_instead_of_aborting_the_jvm() throws Exception {
        // llama.cpp b4916's converter takes these bounds for "no bound" and throws an uncaught C++ exception.
        String schema = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\","
                + "\"minimum\":-2147483648,\"maximum\":2147483647}},\"required\":[\"n\"]}";

        LlmResponse reply =
                llm.chat(request().maxTokens(200).seed(3).jsonSchema(schema).build());

        assertThat(new ObjectMapper().readTree(reply.text()).get("n").isIntegralNumber())
                .isTrue();
    }

    @Test
    void rejects_a_prompt_longer_than_the_context_window() {
        LlmRequest request = request().user("the ".repeat(1500)).build();

        assertThatThrownBy(() -> llm.chat(request))
                .isInstanceOf(LlmException.class)
                .hasMessageStartingWith("the prompt has ")
                .hasMessageEndingWith(" tokens but model 'tiny-llama.gguf' holds 1024 in its context window;"
                        + " shorten the conversation or build the model with a larger contextSize");
    }

    @Test
    void a_closed_model_refuses_calls() {
        LlamaCppLlm other = LlamaCppLlm.builder()
                .modelFile(dir.resolve("tiny-llama.gguf"))
                .threads(1)
                .contextSize(256)
                .build();
        other.close();
        other.close();

        assertThatThrownBy(() -> other.chat(request().build()))
                .isInstanceOf(LlmException.class)
                .hasMessage("model 'tiny-llama.gguf' is closed; load it again with LlamaCppLlm.load");
        assertThatThrownBy(() -> other.count("x"))
                .hasMessage("model 'tiny-llama.gguf' is closed; load it again with LlamaCppLlm.load");
    }
}
