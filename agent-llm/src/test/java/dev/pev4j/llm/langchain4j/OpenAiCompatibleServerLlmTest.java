package dev.pev4j.llm.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.judge.Calibrator;
import dev.pev4j.judge.SimulatedAnnotatorsJudge;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LlmResponse.TokenLogprob;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ServerLlms#openAiCompatible} against a fake server speaking {@code /v1/chat/completions}. */
class OpenAiCompatibleServerLlmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TEST_LIMIT = Duration.ofSeconds(20);

    /** A reply as llama.cpp's server sends it, cut at the token limit. */
    private static final String COMPLETION = """
            {"id":"chatcmpl-9","object":"chat.completion","created":1700000000,"model":"qwen",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital"},
                         "finish_reason":"length"}],
             "usage":{"prompt_tokens":21,"completion_tokens":6,"total_tokens":27}}""";

    private FakeModelServer server;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() {
        server = FakeModelServer.start(FakeModelServer.Wire.OPENAI);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ServerLlms.Builder qwen() {
        return ServerLlms.openAiCompatible(server.baseUrl(), "qwen").sleeper(sleeps::add);
    }

    private static LlmRequest.Builder question() {
        return LlmRequest.builder().user("What is the capital of France?").maxTokens(6);
    }

    private static String completion(String content, String finishReason) {
        return COMPLETION.replace("Paris is the capital", content).replace("\"length\"", "\"" + finishReason + "\"");
    }

    @Test
    void replies_with_the_servers_text_usage_and_finish_reason() {
        server.reply(200, COMPLETION);

        LlmResponse reply = qwen().build().chat(question().build());

        assertThat(reply.text()).isEqualTo("Paris is the capital");
        assertThat(reply.usage()).isEqualTo(new TokenUsage(21, 6));
        assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.LENGTH);
        assertThat(server.paths()).containsExactly("POST /v1/chat/completions");
    }

    @Test
    void sends_the_conversation_and_sampling_parameters() throws Exception {
        server.reply(200, COMPLETION);
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

        qwen().build().chat(request);

        assertThat(server.lastRequest()).isEqualTo(JSON.readTree("""
                {"model":"qwen",
                 "messages":[{"role":"system","content":"Answer briefly."},
                             {"role":"user","content":"Capital of France?"},
                             {"role":"assistant","content":"Paris."},
                             {"role":"user","content":"And of Italy?"}],
                 "temperature":0.5,"stream":false,"stop":["\\n\\n","END"],"max_tokens":16,"seed":7}"""));
    }

    /** The planner's kind of schema: anyOf, const, bounds, a pattern and a free-form map. */
    private static final String PLAN_LIKE_SCHEMA = """
            {"type":"object","properties":{"steps":{"type":"array","minItems":1,"maxItems":3,"items":{"anyOf":[
              {"type":"object","properties":{"id":{"type":"string","pattern":"^#E[1-9]$"},
                "tool":{"const":"load"},"args":{"type":"object","properties":{"path":{"type":"string","maxLength":40}},
                "required":["path"],"additionalProperties":false}},"required":["id","tool","args"],
                "additionalProperties":false},
              {"type":"object","properties":{"id":{"type":"string","pattern":"^#E[1-9]$"},
                "tool":{"enum":["agg"]},"args":{"type":"object","properties":{"aggs":{"type":"object",
                "additionalProperties":{"enum":["sum","mean"]},"maxProperties":4}},"required":["aggs"],
                "additionalProperties":false}},"required":["id","tool","args"],"additionalProperties":false}]}}},
             "required":["steps"],"additionalProperties":false}""";

    @Test
    void sends_a_json_schema_as_written_and_not_strict_by_default() throws Exception {
        LlmRequest request =
                question().maxTokens(64).jsonSchema(PLAN_LIKE_SCHEMA).build();

        LlmResponse reply = qwen().build().chat(request);

        assertThat(server.lastRequest().get("response_format"))
                .isEqualTo(JSON.readTree(
                        "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"reply\",\"strict\":false,\"schema\":"
                                + PLAN_LIKE_SCHEMA + "}}"));
        assertThat(JSON.readTree(reply.text()))
                .isEqualTo(JSON.readTree("{\"steps\":[{\"id\":\"x\",\"tool\":\"load\",\"args\":{\"path\":\"x\"}}]}"));
    }

    @Test
    void sends_a_json_schema_strictly_when_asked_to() throws Exception {
        String schema = """
                {"type":"object","properties":{"city":{"type":"string","maxLength":40},
                 "rank":{"type":"integer"}},"required":["city","rank"],"additionalProperties":false}""";
        LlmRequest request = question().maxTokens(64).jsonSchema(schema).build();

        LlmResponse reply = qwen().strictJsonSchema(true).build().chat(request);

        assertThat(server.lastRequest().get("response_format"))
                .isEqualTo(JSON.readTree(
                        "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"reply\",\"strict\":true,\"schema\":"
                                + schema + "}}"));
        assertThat(JSON.readTree(reply.text())).isEqualTo(JSON.readTree("{\"city\":\"x\",\"rank\":1}"));
    }

    @Test
    void cuts_a_stop_string_the_server_left_in_the_reply() {
        server.reply(200, completion("42 END and more", "stop"));

        LlmResponse reply = qwen().build().chat(question().stop("END").build());

        assertThat(reply.text()).isEqualTo("42 ");
        assertThat(reply.finishReason()).isEqualTo(LlmResponse.FinishReason.STOP_STRING);
    }

    @Test
    void reports_a_stop_and_a_content_filter_as_their_finish_reasons() {
        server.reply(200, completion("Rome", "stop")).reply(200, completion("", "content_filter"));
        ChatModelLlm llm = qwen().build();

        assertThat(llm.chat(question().build()).finishReason()).isEqualTo(LlmResponse.FinishReason.STOP);
        assertThat(llm.chat(question().build()).finishReason()).isEqualTo(LlmResponse.FinishReason.OTHER);
    }

    static Stream<Arguments> http_errors() {
        return Stream.of(
                Arguments.of(
                        400,
                        "{\"error\":{\"message\":\"'messages' must not be empty\"}}",
                        false,
                        "model 'qwen' on %s rejected the request (HTTP 400): 'messages' must not be empty"),
                Arguments.of(
                        401,
                        "{\"error\":{\"message\":\"Invalid API Key\",\"type\":\"authentication_error\"}}",
                        false,
                        "model 'qwen' on %s refused the credentials (HTTP 401): Invalid API Key; "
                                + "set apiKey to a key the server accepts"),
                Arguments.of(
                        404,
                        "{\"error\":{\"message\":\"The model `qwen` does not exist.\"}}",
                        false,
                        "model 'qwen' was not found on %s (HTTP 404): The model `qwen` does not exist.; "
                                + "pull or load it there, or use a model name the server lists"),
                Arguments.of(
                        429,
                        "{\"error\":{\"message\":\"Too many requests\"}}",
                        true,
                        "model 'qwen' on %s is rate-limited (HTTP 429): Too many requests"),
                Arguments.of(
                        500,
                        "upstream crashed",
                        true,
                        "model 'qwen' on %s failed with a server error (HTTP 500): upstream crashed"),
                Arguments.of(
                        503,
                        "{\"error\":{\"code\":503,\"message\":\"Loading model\"}}",
                        true,
                        "model 'qwen' on %s failed with a server error (HTTP 503): Loading model"));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @MethodSource("http_errors")
    void maps_http_errors_to_retriable_or_final_failures(int status, String body, boolean retriable, String message) {
        server.reply(status, body);
        ChatModelLlm llm = qwen().maxAttempts(1).build();

        assertThatThrownBy(() -> llm.chat(question().build()))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.isRetriable()).isEqualTo(retriable))
                .hasMessage(message.formatted(server.baseUrl()));
        assertThat(server.requests()).hasSize(1);
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
                        .hasMessage("model 'qwen' on " + server.baseUrl()
                                + " did not reply in time; the server may be busy or the timeout too short"));
    }

    @Test
    void gives_up_after_max_attempts_and_says_how_many() {
        String loading = "{\"error\":{\"code\":503,\"message\":\"Loading model\"}}";
        server.reply(503, loading).reply(503, loading).reply(503, loading).reply(200, COMPLETION);
        ChatModelLlm llm = qwen().maxAttempts(3).build();

        assertTimeoutPreemptively(
                TEST_LIMIT,
                () -> assertThatThrownBy(() -> llm.chat(question().build()))
                        .isInstanceOfSatisfying(
                                LlmException.class,
                                e -> assertThat(e.isRetriable()).isTrue())
                        .hasMessage("model 'qwen' on " + server.baseUrl()
                                + " failed with a server error (HTTP 503): Loading model; gave up after 3 attempts"));
        assertThat(server.requests()).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void retries_after_a_503_and_returns_the_next_reply() {
        server.reply(503, "{\"error\":{\"message\":\"Loading model\"}}").reply(200, COMPLETION);

        LlmResponse reply = assertTimeoutPreemptively(
                TEST_LIMIT, () -> qwen().build().chat(question().build()));

        assertThat(reply.text()).isEqualTo("Paris is the capital");
        assertThat(server.requests()).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void does_not_retry_a_bad_request() {
        server.reply(400, "{\"error\":{\"message\":\"bad\"}}").reply(200, COMPLETION);

        assertThatThrownBy(() -> qwen().build().chat(question().build())).isInstanceOf(LlmException.class);
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void an_unreachable_server_is_a_retriable_failure() {
        FakeModelServer gone = FakeModelServer.start(FakeModelServer.Wire.OPENAI);
        gone.close();
        ChatModelLlm llm = ServerLlms.openAiCompatible(gone.baseUrl(), "qwen")
                .maxAttempts(2)
                .sleeper(sleeps::add)
                .build();

        assertTimeoutPreemptively(
                TEST_LIMIT,
                () -> assertThatThrownBy(() -> llm.chat(question().build()))
                        .isInstanceOfSatisfying(
                                LlmException.class,
                                e -> assertThat(e.isRetriable()).isTrue())
                        .hasMessageStartingWith(
                                "cannot reach " + gone.baseUrl() + " for model 'qwen': java.net.ConnectException")
                        .hasMessageEndingWith("; is the server running?; gave up after 2 attempts"));
    }

    @Test
    void sends_a_placeholder_api_key_unless_one_is_given() {
        qwen().build().chat(question().build());
        qwen().apiKey("sk-local").build().chat(question().build());

        assertThat(server.authorizations()).containsExactly("Bearer no-api-key", "Bearer sk-local");
    }

    @Test
    void declares_json_schema_log_probabilities_seed_and_the_given_context_window() {
        ChatModelLlm llm = qwen().contextWindow(8192).build();

        assertThat(llm.capabilities()).isEqualTo(new dev.pev4j.llm.LocalLlm.LlmCapabilities(true, true, true, 8192));
        assertThat(llm.name()).isEqualTo("qwen");
    }

    @Test
    void rejects_a_base_url_without_a_scheme_and_bad_settings() {
        assertThatThrownBy(() -> ServerLlms.openAiCompatible("localhost:8080/v1", "qwen"))
                .hasMessage("baseUrl must start with http:// or https:// but was 'localhost:8080/v1'");
        assertThatThrownBy(() -> ServerLlms.openAiCompatible("http://localhost:8080/v1", " "))
                .hasMessage("model must not be blank");
        assertThatThrownBy(() -> qwen().maxAttempts(0)).hasMessage("maxAttempts must be >= 1 but was 0");
        assertThatThrownBy(() -> qwen().timeout(Duration.ZERO)).hasMessage("timeout must be positive but was PT0S");
        assertThatThrownBy(() -> qwen().contextWindow(-1)).hasMessage("contextWindow must be >= 0 but was -1");
        assertThatThrownBy(() -> qwen().apiKey(""))
                .hasMessage("apiKey must not be blank; leave it unset when the server needs none");
    }

    /** A one-token reply with its log-probability and the top alternatives, as llama.cpp's server and OpenAI send it. */
    private static String letterReply(String letter, double pLetter, String other, double pOther) {
        return """
                {"id":"chatcmpl-7","object":"chat.completion","created":1700000000,"model":"qwen",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%1$s"},"finish_reason":"stop",
                   "logprobs":{"content":[{"token":"%1$s","logprob":%2$s,"bytes":[65],
                     "top_logprobs":[{"token":"%1$s","logprob":%2$s,"bytes":[65]},
                                     {"token":"%3$s","logprob":%4$s,"bytes":[66]}]}]}}],
                 "usage":{"prompt_tokens":30,"completion_tokens":1,"total_tokens":31}}""".formatted(letter, Math.log(pLetter), other, Math.log(pOther));
    }

    @Test
    void asks_for_log_probabilities_when_the_request_does_and_returns_them() {
        server.reply(200, letterReply("A", 0.9, "B", 0.1));

        LlmResponse reply = qwen().build().chat(question().topLogprobs(2).build());

        JsonNode sent = server.lastRequest();
        assertThat(sent.path("logprobs").asBoolean()).isTrue();
        assertThat(sent.path("top_logprobs").asInt()).isEqualTo(2);
        assertThat(reply.text()).isEqualTo("A");
        assertThat(reply.logprobs())
                .containsExactly(new TokenLogprob(
                        "A",
                        Math.log(0.9),
                        List.of(
                                new TokenLogprob.Alternative("A", Math.log(0.9)),
                                new TokenLogprob.Alternative("B", Math.log(0.1)))));
    }

    @Test
    void a_request_without_top_logprobs_asks_for_none_and_gets_none() {
        server.reply(200, letterReply("A", 0.9, "B", 0.1));

        LlmResponse reply = qwen().build().chat(question().build());

        assertThat(server.lastRequest().has("logprobs")).isFalse();
        assertThat(server.lastRequest().has("top_logprobs")).isFalse();
        assertThat(reply.logprobs()).isEmpty();
    }

    @Test
    void the_simulated_annotators_judge_reads_the_servers_log_probabilities_instead_of_vote_shares() {
        // given: the option meaning "holds" comes first, then second (swapped); the server is 90% and 80% sure of it
        server.reply(200, letterReply("A", 0.9, "B", 0.1));
        server.reply(200, letterReply("B", 0.8, "A", 0.2));
        JudgeRequest example = new JudgeRequest("Count rows", "there are 3 rows", "3 rows");
        Judge judge = SimulatedAnnotatorsJudge.builder()
                .llm(qwen().build())
                .examples(List.of(new Calibrator.LabelledItem(example, true)))
                .annotators(1)
                .build();

        // when
        Judgement judgement = judge.judge(new JudgeRequest("Sum revenue", "the total is 17", "17"));

        // then: two calls at temperature 0 asking for log-probabilities, and their mean probability, not a 2-of-2 vote
        assertThat(server.requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.path("temperature").asDouble()).isEqualTo(0.0);
            assertThat(request.path("top_logprobs").asInt()).isEqualTo(5);
        });
        assertThat(judgement.decision()).isEqualTo(Judgement.Decision.PASS);
        assertThat(judgement.confidence()).isCloseTo(0.85, within(1e-9));
    }
}
