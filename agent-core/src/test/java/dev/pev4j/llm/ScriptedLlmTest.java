package dev.pev4j.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptedLlmTest extends LocalLlmContract {

    @Override
    protected LocalLlm model() {
        return ScriptedLlm.answering(request -> "one two three four five six seven eight nine ten");
    }

    @Test
    void replays_replies_in_order_and_records_requests() {
        ScriptedLlm llm = ScriptedLlm.replying("first", "second");

        String a = llm.chat(LlmRequest.builder().user("a").build()).text();
        String b = llm.chat(LlmRequest.builder().user("b").build()).text();

        assertThat(a).isEqualTo("first");
        assertThat(b).isEqualTo("second");
        assertThat(llm.requests()).extracting(LlmRequest::lastUserText).containsExactly("a", "b");
        assertThat(llm.remaining()).isZero();
    }

    @Test
    void fails_with_the_request_when_the_script_runs_out() {
        ScriptedLlm llm = ScriptedLlm.replying("only");
        llm.chat(LlmRequest.builder().user("first").build());

        assertThatThrownBy(() ->
                        llm.chat(LlmRequest.builder().user("second question").build()))
                .isInstanceOf(LlmException.class)
                .hasMessage("ScriptedLlm has no reply left for request 2: second question");
    }

    @Test
    void cuts_the_reply_at_a_stop_string() {
        ScriptedLlm llm = ScriptedLlm.replying("1. search(\"x\")\n<END_OF_PLAN> trailing");

        LlmResponse reply =
                llm.chat(LlmRequest.builder().user("plan").stop("<END_OF_PLAN>").build());

        assertThat(reply.text()).isEqualTo("1. search(\"x\")\n");
        assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.STOP_STRING);
    }
}
