package dev.pev4j.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LocalLlm} backend shares. A backend's test extends this class and says how to make the
 * model; the tests here hold for a scripted fake and a random-weight llama.cpp model alike, so they assert on
 * structure (finish reasons, token usage, stop strings, capability checks), never on wording.
 */
public abstract class LocalLlmContract {

    /** A fresh model under test. */
    protected abstract LocalLlm model();

    private static LlmRequest.Builder shortRequest() {
        return LlmRequest.builder().user("Count from one to ten.").maxTokens(8).temperature(0.0).seed(42);
    }

    @Test
    void replies_with_text_and_counts_tokens() {
        LlmResponse reply = model().chat(shortRequest().build());

        assertThat(reply.text()).isNotNull();
        assertThat(reply.usage().inputTokens()).isPositive();
        assertThat(reply.usage().outputTokens()).isBetween(0, 8);
        assertThat(reply.finishReason()).isIn(
                LlmResponse.FinishReason.STOP, LlmResponse.FinishReason.STOP_STRING, LlmResponse.FinishReason.LENGTH);
    }

    @Test
    void never_writes_more_than_max_tokens() {
        LlmResponse reply = model().chat(shortRequest().maxTokens(3).build());

        assertThat(reply.usage().outputTokens()).isLessThanOrEqualTo(3);
    }

    @Test
    void reply_never_contains_a_stop_string() {
        LlmResponse reply = model().chat(shortRequest().maxTokens(32).stop("e", " ").build());

        assertThat(reply.text()).doesNotContain("e").doesNotContain(" ");
    }

    @Test
    void refuses_a_json_schema_unless_it_declares_the_capability() throws Exception {
        LocalLlm llm = model();
        LlmRequest request = shortRequest()
                .maxTokens(64)
                .jsonSchema("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}")
                .build();

        if (llm.capabilities().jsonSchema()) {
            JsonNode json = new ObjectMapper().readTree(llm.chat(request).text());
            assertThat(json.isObject()).isTrue();
        } else {
            assertThatThrownBy(() -> llm.chat(request))
                    .isInstanceOf(LlmException.class)
                    .hasMessage("model '" + llm.name() + "' cannot constrain replies to a JSON schema; "
                            + "send the request without jsonSchema and parse the reply");
        }
    }

    @Test
    void refuses_logprobs_unless_it_declares_the_capability() {
        LocalLlm llm = model();
        LlmRequest request = shortRequest().topLogprobs(2).build();

        if (llm.capabilities().logprobs()) {
            LlmResponse reply = llm.chat(request);
            assertThat(reply.logprobs()).hasSizeLessThanOrEqualTo(reply.usage().outputTokens());
            reply.logprobs().forEach(lp -> assertThat(lp.logprob()).isLessThanOrEqualTo(0.0));
        } else {
            assertThatThrownBy(() -> llm.chat(request))
                    .isInstanceOf(LlmException.class)
                    .hasMessage("model '" + llm.name() + "' does not report token log-probabilities; "
                            + "send the request with topLogprobs = 0");
        }
    }
}
