package dev.pev4j.llm.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ServerLlms#ollama} against a fake server speaking Ollama's {@code /api/chat}. */
class OllamaServerLlmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TEST_LIMIT = Duration.ofSeconds(20);

    /** A non-streamed reply as Ollama sends it, cut at {@code num_predict}. */
    private static final String CHAT = """
            {"model":"qwen2.5:1.5b","created_at":"2025-03-01T10:00:00.000000Z",
             "message":{"role":"assistant","content":"Paris is the capital"},
             "done_reason":"length","done":true,"total_duration":812345678,"load_duration":1234567,
             "prompt_eval_count":26,"prompt_eval_duration":123456789,"eval_count":8,"eval_duration":456789012}""";

    private FakeModelServer server;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() {
        server = FakeModelServer.start(FakeModelServer.Wire.OLLAMA);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ServerLlms.Builder qwen() {
        return ServerLlms.ollama(server.baseUrl(), "qwen2.5:1.5b").sleeper(sleeps::add);
    }

    private static LlmRequest.Builder question() {
        return LlmRequest.builder().user("What is the capital of France?").maxTokens(8);
    }

    @Test
    void replies_with_text_and_counts_tokens_from_prompt_eval_count_and_eval_count() {
        server.reply(200, CHAT);

        LlmResponse reply = qwen().build().chat(question().build());

        assertThat(reply.text()).isEqualTo("Paris is the capital");
        assertThat(reply.usage()).isEqualTo(new TokenUsage(26, 8));
        assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.LENGTH);
        assertThat(server.paths()).containsExactly("POST /api/chat");
    }

    @Test
    void reports_done_reason_stop_as_stop() {
        server.reply(200, CHAT.replace("\"length\"", "\"stop\""));

        LlmResponse reply = qwen().build().chat(question().build());

        assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.STOP);
    }

    @Test
    void sends_the_conversation_and_options() throws Exception {
        server.reply(200, CHAT);
        LlmRequest request = LlmRequest.builder()
                .system("Answer briefly.")
                .user("Capital of France?")
                .assistant("Paris.")
                .user("And of Italy?")
                .maxTokens(16)
                .temperature(0.5)
                .stop("\n\n", "END")
                .seed(7)
                .build();

        qwen().contextWindow(4096).build().chat(request);

        assertThat(server.lastRequest()).isEqualTo(JSON.readTree("""
                {"model":"qwen2.5:1.5b",
                 "messages":[{"role":"system","content":"Answer briefly."},
                             {"role":"user","content":"Capital of France?"},
                             {"role":"assistant","content":"Paris.","tool_calls":[]},
                             {"role":"user","content":"And of Italy?"}],
                 "options":{"temperature":0.5,"seed":7,"num_predict":16,"num_ctx":4096,"stop":["\\n\\n","END"]},
                 "stream":false,"tools":[]}"""));
    }

    @Test
    void sends_the_json_schema_as_format_as_written() throws Exception {
        String schema = """
                {"type":"object","properties":{"city":{"type":"string","maxLength":40,"pattern":"^[A-Z]"},
                 "tags":{"type":"array","maxItems":3,"items":{"enum":["big","old"]}},
                 "size":{"anyOf":[{"type":"integer","minimum":0},{"const":"unknown"}]},
                 "extra":{"type":"object","additionalProperties":{"type":"number"}}},"required":["city"]}""";
        LlmRequest request = question().maxTokens(64).jsonSchema(schema).build();

        LlmResponse reply = qwen().build().chat(request);

        assertThat(server.lastRequest().get("format")).isEqualTo(JSON.readTree(schema));
        assertThat(JSON.readTree(reply.text()))
                .isEqualTo(JSON.readTree("{\"city\":\"x\",\"tags\":[\"big\"],\"size\":1,\"extra\":{}}"));
    }

    @Test
    void reports_a_missing_model_with_the_servers_message() {
        server.reply(404, "{\"error\":\"model \\\"qwen2.5:1.5b\\\" not found, try pulling it first\"}");

        assertThatThrownBy(() -> qwen().build().chat(question().build()))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessage("model 'qwen2.5:1.5b' was not found on " + server.baseUrl()
                        + " (HTTP 404): model \"qwen2.5:1.5b\" not found, try pulling it first; "
                        + "pull or load it there, or use a model name the server lists");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void retries_a_server_error_and_returns_the_next_reply() {
        server.reply(500, "{\"error\":\"llama runner process has terminated\"}").reply(200, CHAT);

        LlmResponse reply = assertTimeoutPreemptively(
                TEST_LIMIT, () -> qwen().build().chat(question().build()));

        assertThat(reply.text()).isEqualTo("Paris is the capital");
        assertThat(server.requests()).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void a_reply_slower_than_the_timeout_fails_as_retriable() {
        server.replySlowly();
        ChatModelLlm llm = qwen().timeout(Duration.ofMillis(300)).maxAttempts(1).build();

        assertTimeoutPreemptively(
                TEST_LIMIT,
                () -> assertThatThrownBy(() -> llm.chat(question().build()))
                        .isInstanceOfSatisfying(
                                LlmException.class,
                                e -> assertThat(e.isRetriable()).isTrue())
                        .hasMessage("model 'qwen2.5:1.5b' on " + server.baseUrl()
                                + " did not reply in time; the server may be busy or the timeout too short"));
    }

    @Test
    void sends_no_authorization_unless_an_api_key_is_given() {
        qwen().build().chat(question().build());
        qwen().apiKey("proxy-key").build().chat(question().build());

        assertThat(server.authorizations()).containsExactly("(none)", "Bearer proxy-key");
    }

    @Test
    void declares_json_schema_seed_and_the_given_context_window() {
        assertThat(qwen().contextWindow(4096).build().capabilities())
                .isEqualTo(new LlmCapabilities(true, false, true, 4096));
    }
}
