package dev.pev4j.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalLlmStreamTest {

    private static LlmRequest request(int maxTokens) {
        return LlmRequest.builder().user("hi").maxTokens(maxTokens).build();
    }

    @Test
    void a_backend_that_does_not_stream_hands_over_the_whole_reply_as_one_piece() {
        LocalLlm llm = request -> new LlmResponse("Hello there.", TokenUsage.ZERO, LlmResponse.FinishReason.STOP);
        List<String> pieces = new ArrayList<>();

        LlmResponse reply = llm.stream(request(16), pieces::add);

        assertThat(pieces).containsExactly("Hello there.");
        assertThat(reply.text()).isEqualTo("Hello there.");
    }

    @Test
    void pieces_stop_where_chat_cuts_a_runaway_reply() {
        LocalLlm llm = new LocalLlm() {
            @Override
            public LlmResponse generate(LlmRequest request) {
                throw new AssertionError("stream goes through generateStreaming");
            }

            @Override
            public LlmResponse generateStreaming(LlmRequest request, java.util.function.Consumer<String> pieces) {
                String piece = "x".repeat(20);
                for (int i = 0; i < 5; i++) {
                    pieces.accept(piece);
                }
                return new LlmResponse(piece.repeat(5), TokenUsage.ZERO, LlmResponse.FinishReason.STOP);
            }
        };
        StringBuilder streamed = new StringBuilder();

        LlmResponse reply = llm.stream(request(2), streamed::append); // 2 tokens: at most 64 characters

        assertThat(streamed.toString()).hasSize(64);
        assertThat(reply.text()).isEqualTo(streamed.toString());
        assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.LENGTH);
    }

    @Test
    void refuses_what_the_backend_cannot_do_as_chat_does() {
        LocalLlm llm = request -> new LlmResponse("{}", TokenUsage.ZERO, LlmResponse.FinishReason.STOP);
        LlmRequest schema = LlmRequest.builder()
                .user("hi")
                .maxTokens(4)
                .jsonSchema("{\"type\": \"object\"}")
                .build();

        assertThatThrownBy(() -> llm.stream(schema, piece -> {}))
                .isInstanceOf(LlmException.class)
                .hasMessage("model '" + llm.name() + "' cannot constrain replies to a JSON schema; "
                        + "send the request without jsonSchema and parse the reply");
    }

    @Test
    void a_decoding_scripted_model_hands_over_tokens_of_four_characters_paced_before_each() {
        List<String> written = new ArrayList<>();
        ScriptedLlm llm = ScriptedLlm.replying("#E1 = search[\"x\"]").decoding((request, soFar) -> written.add(soFar));
        List<String> pieces = new ArrayList<>();

        LlmResponse reply = llm.stream(request(64), pieces::add);

        assertThat(pieces).containsExactly("#E1 ", "= se", "arch", "[\"x\"", "]");
        assertThat(String.join("", pieces)).isEqualTo(reply.text());
        assertThat(written).containsExactly("", "#E1 ", "#E1 = se", "#E1 = search", "#E1 = search[\"x\"");
    }

    @Test
    void a_decoding_scripted_model_interrupted_mid_reply_returns_what_it_wrote_cancelled() {
        ScriptedLlm llm = ScriptedLlm.replying("one two three").decoding((request, soFar) -> {
            if (soFar.length() >= 4) {
                throw new InterruptedException();
            }
        });

        LlmResponse reply = llm.stream(request(64), piece -> {});

        assertThat(Thread.interrupted()).isTrue();
        assertThat(reply.text()).isEqualTo("one ");
        assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.CANCELLED);
    }
}
