package dev.pev4j.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LlmRequestTest {

    @Test
    void rejects_a_non_positive_token_limit() {
        assertThatThrownBy(() -> LlmRequest.builder().user("x").maxTokens(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTokens must be >= 1 but was 0");
    }

    @Test
    void rejects_a_temperature_out_of_range() {
        assertThatThrownBy(
                        () -> LlmRequest.builder().user("x").temperature(-0.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be between 0 and 2 but was -0.5");
    }

    @Test
    void rejects_a_schema_that_is_not_a_json_object() {
        assertThatThrownBy(() ->
                        LlmRequest.builder().user("x").jsonSchema("[1, 2]").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jsonSchema must be a JSON object but was: [1, 2]");
    }

    @Test
    void rejects_a_request_without_messages() {
        assertThatThrownBy(() -> LlmRequest.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A request needs at least one message.");
    }

    @Test
    void to_builder_keeps_every_value() {
        LlmRequest request = LlmRequest.builder()
                .system("s")
                .user("u")
                .maxTokens(7)
                .temperature(0.3)
                .stop("END")
                .seed(9)
                .jsonSchema("{\"type\":\"object\"}")
                .topLogprobs(2)
                .build();

        assertThat(request.toBuilder().build()).isEqualTo(request);
    }
}
