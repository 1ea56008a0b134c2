package dev.pev4j.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LocalLlm} backend shares. A backend's test extends this class and says how to make the
 * model; the tests here hold for a scripted fake and a random-weight llama.cpp model alike, so they assert on
 * structure (finish reasons, token usage, stop strings, cancellation, JSON-schema conformance, capability checks),
 * never on wording. A backend skips nothing: what it cannot do it must refuse with the capability's message.
 */
public abstract class LocalLlmContract {

    /** A fresh model under test. */
    protected abstract LocalLlm model();

    private static LlmRequest.Builder shortRequest() {
        return LlmRequest.builder()
                .user("Count from one to ten.")
                .maxTokens(8)
                .temperature(0.0)
                .seed(42);
    }

    @Test
    void counts_tokens_and_says_length_only_when_max_tokens_is_reached() {
        LlmResponse reply = model().chat(shortRequest().build());

        assertThat(reply.usage().inputTokens()).isPositive();
        assertThat(reply.usage().outputTokens()).isBetween(0, 8);
        assertThat(reply.finishReason())
                .isIn(
                        LlmResponse.FinishReason.STOP,
                        LlmResponse.FinishReason.STOP_STRING,
                        LlmResponse.FinishReason.LENGTH);
        if (reply.finishReason() == LlmResponse.FinishReason.LENGTH) {
            assertThat(reply.usage().outputTokens())
                    .as("tokens of a reply cut at maxTokens = 8")
                    .isEqualTo(8);
        }
        if (reply.usage().outputTokens() == 0) {
            assertThat(reply.text()).as("the text of a reply of no tokens").isEmpty();
        }
    }

    @Test
    void never_writes_more_than_max_tokens() {
        LlmResponse reply = model().chat(shortRequest().maxTokens(3).build());

        assertThat(reply.usage().outputTokens()).isLessThanOrEqualTo(3);
        if (reply.finishReason() == LlmResponse.FinishReason.LENGTH) {
            assertThat(reply.usage().outputTokens())
                    .as("tokens of a reply cut at maxTokens = 3")
                    .isEqualTo(3);
        }
    }

    @Test
    void reply_never_contains_a_stop_string() {
        LlmResponse reply =
                model().chat(shortRequest().maxTokens(32).stop("e", " ").build());

        assertThat(reply.text()).doesNotContain("e").doesNotContain(" ");
    }

    @Test
    void a_stop_string_that_is_never_written_leaves_the_reply_as_it_is() {
        LocalLlm llm = model();
        LlmResponse plain = llm.chat(shortRequest().build());
        LlmResponse withStop = llm.chat(shortRequest().stop("\u0007never\u0007").build());

        assertThat(withStop.text()).isEqualTo(plain.text());
        assertThat(withStop.finishReason()).isEqualTo(plain.finishReason());
        assertThat(withStop.usage().outputTokens()).isEqualTo(plain.usage().outputTokens());
    }

    @Test
    void an_interrupted_caller_gets_a_cancelled_reply_or_an_error_and_stays_interrupted() {
        LocalLlm llm = model();
        Thread.currentThread().interrupt();
        try {
            LlmResponse reply = llm.chat(shortRequest().build());

            assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.CANCELLED);
            assertThat(reply.usage().outputTokens()).isLessThanOrEqualTo(1); // "within a token"
        } catch (LlmException e) {
            assertThat(e.getMessage()).contains("interrupted");
        } finally {
            assertThat(Thread.interrupted())
                    .as("the caller's interrupt status after the call")
                    .isTrue();
        }
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
            assertThat(json.path("n").isIntegralNumber())
                    .as("the required integer n of %s", json)
                    .isTrue();
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

    @Test
    void streamed_pieces_make_up_the_reply() {
        List<String> pieces = new ArrayList<>();

        LlmResponse reply = model().stream(shortRequest().build(), pieces::add);

        assertThat(String.join("", pieces)).isEqualTo(reply.text());
        assertThat(pieces).doesNotContain("");
        assertThat(reply.usage().outputTokens()).isBetween(0, 8);
    }

    @Test
    void streamed_pieces_stop_before_a_stop_string() {
        List<String> pieces = new ArrayList<>();

        LlmResponse reply =
                model().stream(shortRequest().maxTokens(32).stop("e", " ").build(), pieces::add);

        assertThat(String.join("", pieces))
                .isEqualTo(reply.text())
                .doesNotContain("e")
                .doesNotContain(" ");
    }

    @Test
    void what_the_piece_consumer_throws_ends_the_streamed_call() {
        LocalLlm llm = model();
        LlmRequest request = shortRequest().build();
        assumeFalse(llm.chat(request).text().isEmpty(), "a reply without text hands over no piece to throw from");
        IllegalStateException stop = new IllegalStateException("the caller stops reading");

        assertThatThrownBy(() -> llm.stream(request, piece -> {
                    throw stop;
                }))
                .isSameAs(stop);
    }
}
