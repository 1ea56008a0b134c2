package dev.pev4j.llm.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ChatModelLlm} around a scripted LangChain4j chat model: mapping, capabilities, retries. */
class ChatModelLlmTest {

    private final List<Duration> sleeps = new ArrayList<>();

    private static LlmRequest.Builder question() {
        return LlmRequest.builder().user("Say hi").maxTokens(4);
    }

    private static ChatResponse reply(String text, FinishReason reason) {
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .finishReason(reason)
                .tokenUsage(new dev.langchain4j.model.output.TokenUsage(3, 2))
                .build();
    }

    private ChatModelLlm.Builder wrap(FakeChatModel model) {
        return ChatModelLlm.builder(model).sleeper(sleeps::add);
    }

    @Test
    void maps_messages_and_parameters_to_a_langchain4j_request() {
        FakeChatModel model = new FakeChatModel("fake", Set.of()).then(reply("hi", FinishReason.STOP));
        LlmRequest request = LlmRequest.builder()
                .system("Be brief.")
                .user("Hello")
                .assistant("Hi.")
                .user("Again")
                .maxTokens(9)
                .temperature(0.25)
                .stop("END")
                .seed(5)
                .build();

        LlmResponse response = wrap(model).build().chat(request);

        ChatRequest sent = model.requests().get(0);
        assertThat(sent.messages())
                .containsExactly(
                        SystemMessage.from("Be brief."),
                        UserMessage.from("Hello"),
                        AiMessage.from("Hi."),
                        UserMessage.from("Again"));
        assertThat(sent.parameters().maxOutputTokens()).isEqualTo(9);
        assertThat(sent.parameters().temperature()).isEqualTo(0.25);
        assertThat(sent.parameters().stopSequences()).containsExactly("END");
        assertThat(response).isEqualTo(new LlmResponse("hi", new TokenUsage(3, 2), LlmResponse.FinishReason.STOP));
    }

    @Test
    void hands_the_json_schema_to_the_model_as_written() {
        FakeChatModel model = new FakeChatModel("fake", Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA))
                .then(reply("{}", FinishReason.STOP));
        String schema = "{\"anyOf\":[{\"type\":\"string\",\"maxLength\":3},{\"const\":1}]}";

        wrap(model).build().chat(question().jsonSchema(schema).build());

        ResponseFormat format = model.requests().get(0).parameters().responseFormat();
        assertThat(format.type()).isEqualTo(ResponseFormatType.JSON);
        assertThat(format.jsonSchema())
                .isEqualTo(JsonSchema.builder()
                        .name("reply")
                        .rootElement(JsonRawSchema.from(schema))
                        .build());
    }

    @Test
    void declares_json_schema_only_when_the_model_supports_it_and_no_seed() {
        ChatModelLlm plain =
                wrap(new FakeChatModel("fake", Set.of())).contextWindow(2048).build();
        ChatModelLlm structured = wrap(new FakeChatModel("fake", Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)))
                .build();

        assertThat(plain.capabilities()).isEqualTo(new LlmCapabilities(false, false, false, 2048));
        assertThat(structured.capabilities()).isEqualTo(new LlmCapabilities(true, false, false, 0));
    }

    @Test
    void declared_capabilities_replace_the_derived_ones() {
        LlmCapabilities declared = new LlmCapabilities(true, false, true, 32768);

        ChatModelLlm llm =
                wrap(new FakeChatModel("fake", Set.of())).capabilities(declared).build();

        assertThat(llm.capabilities()).isEqualTo(declared);
    }

    @Test
    void is_named_after_the_models_default_model_name_unless_named() {
        assertThat(wrap(new FakeChatModel("qwen", Set.of())).build().name()).isEqualTo("qwen");
        assertThat(wrap(new FakeChatModel("qwen", Set.of()))
                        .name("planner")
                        .build()
                        .name())
                .isEqualTo("planner");
    }

    @ParameterizedTest
    @CsvSource({"STOP, STOP", "LENGTH, LENGTH", "TOOL_EXECUTION, OTHER", "CONTENT_FILTER, OTHER", "OTHER, OTHER"})
    void maps_finish_reasons(FinishReason theirs, LlmResponse.FinishReason ours) {
        FakeChatModel model = new FakeChatModel("fake", Set.of()).then(reply("x", theirs));

        assertThat(wrap(model).build().chat(question().build()).finishReason()).isEqualTo(ours);
    }

    @Test
    void a_reply_without_usage_or_finish_reason_counts_zero_tokens_and_stops() {
        FakeChatModel model = new FakeChatModel("fake", Set.of())
                .then(ChatResponse.builder().aiMessage(AiMessage.from("ok")).build());

        LlmResponse response = wrap(model).build().chat(question().build());

        assertThat(response).isEqualTo(new LlmResponse("ok", TokenUsage.ZERO, LlmResponse.FinishReason.STOP));
    }

    @Test
    void backoff_doubles_up_to_max_backoff_and_stops_after_max_attempts() {
        FakeChatModel model = new FakeChatModel("fake", Set.of());
        for (int i = 0; i < 6; i++) {
            model.thenThrow(new RateLimitException("slow down"));
        }
        ChatModelLlm llm = wrap(model)
                .maxAttempts(5)
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(300))
                .build();

        assertThatThrownBy(() -> llm.chat(question().build()))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.isRetriable()).isTrue())
                .hasMessage("model 'fake' on its server is rate-limited: slow down; gave up after 5 attempts");
        assertThat(model.requests()).hasSize(5);
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(300));
    }

    @Test
    void does_not_retry_what_cannot_succeed_later() {
        FakeChatModel model = new FakeChatModel("fake", Set.of())
                .thenThrow(new AuthenticationException("bad key"))
                .then(reply("never", FinishReason.STOP));

        assertThatThrownBy(() -> wrap(model)
                        .serverUrl("http://gpu-box:8000/v1")
                        .build()
                        .chat(question().build()))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessage("model 'fake' on http://gpu-box:8000/v1 refused the credentials: bad key; "
                        + "set apiKey to a key the server accepts");
        assertThat(model.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void an_unexpected_exception_is_not_retriable() {
        FakeChatModel model = new FakeChatModel("fake", Set.of()).thenThrow(new IllegalStateException("bug"));

        assertThatThrownBy(() -> wrap(model).build().chat(question().build()))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessage("model 'fake' on its server failed: java.lang.IllegalStateException: bug");
    }

    @Test
    void an_interrupted_wait_ends_the_retries() {
        FakeChatModel model = new FakeChatModel("fake", Set.of())
                .thenThrow(new InternalServerException("boom"))
                .then(reply("never", FinishReason.STOP));
        ChatModelLlm llm = ChatModelLlm.builder(model)
                .sleeper(d -> {
                    throw new InterruptedException();
                })
                .build();

        try {
            assertThatThrownBy(() -> llm.chat(question().build()))
                    .isInstanceOfSatisfying(
                            LlmException.class, e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessage("interrupted while waiting to retry model 'fake' on its server after: "
                            + "model 'fake' on its server failed with a server error: boom");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void rejects_bad_settings_with_the_value() {
        ChatModelLlm.Builder builder = ChatModelLlm.builder(new FakeChatModel("fake", Set.of()));

        assertThatThrownBy(() -> builder.maxAttempts(0)).hasMessage("maxAttempts must be >= 1 but was 0");
        assertThatThrownBy(() -> builder.contextWindow(-1)).hasMessage("contextWindow must be >= 0 but was -1");
        assertThatThrownBy(() -> builder.initialBackoff(Duration.ofMillis(-1)))
                .hasMessage("initialBackoff must be >= 0 but was PT-0.001S");
        builder.initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1));
        assertThatThrownBy(builder::build)
                .hasMessage("maxBackoff (PT1S) must not be shorter than initialBackoff (PT2S).");
    }
}
