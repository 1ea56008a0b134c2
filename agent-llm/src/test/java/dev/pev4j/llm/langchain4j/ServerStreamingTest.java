package dev.pev4j.llm.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ChatModelLlm#stream} over both wire formats, against the fake server's streamed replies. */
class ServerStreamingTest {

    private FakeModelServer server;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<String> pieces = new CopyOnWriteArrayList<>();

    private ChatModelLlm model(FakeModelServer.Wire wire) {
        server = FakeModelServer.start(wire);
        ServerLlms.Builder builder = wire == FakeModelServer.Wire.OPENAI
                ? ServerLlms.openAiCompatible(server.baseUrl(), "tiny")
                : ServerLlms.ollama(server.baseUrl(), "tiny");
        return builder.sleeper(sleeps::add).build();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static LlmRequest.Builder count(int maxTokens) {
        return LlmRequest.builder().user("Count from one to ten.").maxTokens(maxTokens);
    }

    @ParameterizedTest
    @EnumSource(FakeModelServer.Wire.class)
    void hands_over_each_piece_as_the_server_streams_it(FakeModelServer.Wire wire) {
        LlmResponse reply = model(wire).stream(count(3).build(), pieces::add);

        assertThat(pieces).containsExactly("one", " two", " three");
        assertThat(reply.text()).isEqualTo("one two three");
        assertThat(reply.usage()).isEqualTo(new TokenUsage(5, 3));
        assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.LENGTH);
        assertThat(server.lastRequest().path("stream").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(FakeModelServer.Wire.class)
    void holds_back_text_that_may_start_a_stop_string_and_cuts_there(FakeModelServer.Wire wire) {
        // The fake server cuts at the stop strings it is sent, so this one is split across two pieces to reach us.
        LlmResponse reply = model(wire).stream(count(10).stop("o t").build(), pieces::add);

        assertThat(String.join("", pieces)).isEqualTo(reply.text()).isEqualTo("one tw");
    }

    @ParameterizedTest
    @EnumSource(FakeModelServer.Wire.class)
    void retries_a_failure_that_came_before_the_first_piece(FakeModelServer.Wire wire) {
        ChatModelLlm llm = model(wire);
        server.reply(503, "{\"error\":\"loading model\"}");

        LlmResponse reply = llm.stream(count(2).build(), pieces::add);

        assertThat(pieces).containsExactly("one", " two");
        assertThat(reply.text()).isEqualTo("one two");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void a_model_without_a_streaming_twin_hands_over_the_whole_reply_at_once() {
        FakeChatModel chatModel = new FakeChatModel("fake", Set.of())
                .then(ChatResponse.builder()
                        .aiMessage(AiMessage.from("one two three"))
                        .build());
        ChatModelLlm plain = ChatModelLlm.builder(chatModel).build();

        LlmResponse reply = plain.stream(count(3).build(), pieces::add);

        assertThat(pieces).containsExactly("one two three");
        assertThat(reply.text()).isEqualTo("one two three");
    }

    @Test
    void refuses_a_streaming_twin_of_another_kind() {
        ChatModelLlm.Builder builder = ChatModelLlm.builder(OllamaChatModel.builder()
                .baseUrl("http://localhost:11434")
                .modelName("m")
                .build());
        StreamingChatModel openAi = OpenAiStreamingChatModel.builder()
                .baseUrl("http://localhost:8080/v1")
                .apiKey("k")
                .modelName("m")
                .build();

        assertThatThrownBy(() -> builder.streamingModel(openAi))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("streamingModel must be of the wrapped model's kind (OllamaChatModel) but was "
                        + "OpenAiStreamingChatModel");
    }

    @ParameterizedTest
    @EnumSource(FakeModelServer.Wire.class)
    void a_failure_the_server_reports_names_the_model_and_server(FakeModelServer.Wire wire) {
        ChatModelLlm llm = model(wire);
        server.reply(400, "{\"error\":\"bad request\"}");

        assertThatThrownBy(() -> llm.stream(count(2).build(), pieces::add))
                .isInstanceOf(LlmException.class)
                .hasMessage("model 'tiny' on " + server.baseUrl() + " rejected the request (HTTP 400): bad request");
        assertThat(pieces).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(FakeModelServer.Wire.class)
    void an_interrupt_cancels_the_stream_and_stays_set(FakeModelServer.Wire wire) {
        ChatModelLlm llm = model(wire);
        server.replySlowly();
        Thread.currentThread().interrupt();
        try {
            LlmResponse reply = llm.stream(count(3).build(), pieces::add);

            assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.CANCELLED);
            assertThat(reply.text()).isEmpty();
        } finally {
            assertThat(Thread.interrupted()).as("the caller's interrupt status").isTrue();
        }
    }
}
