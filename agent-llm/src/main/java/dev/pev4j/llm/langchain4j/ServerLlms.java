package dev.pev4j.llm.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.pev4j.internal.Checks;
import dev.pev4j.internal.retry.Retry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Ready-made {@link ChatModelLlm}s for model servers: Ollama, and OpenAI-compatible servers (llama.cpp's
 * {@code llama-server}, vLLM, LM Studio, OpenAI itself). Stateless and thread-safe.
 *
 * <pre>{@code
 * LocalLlm ollama = ServerLlms.ollama("http://localhost:11434", "qwen2.5:1.5b").contextWindow(8192).build();
 * LocalLlm server = ServerLlms.openAiCompatible("http://localhost:8080/v1", "qwen2.5-1.5b-instruct")
 *         .timeout(Duration.ofMinutes(2))
 *         .build();
 * }</pre>
 */
public final class ServerLlms {

    /** Sent as the API key when none is given: local servers ignore it, LangChain4j's OpenAI client needs one. */
    static final String NO_API_KEY = "no-api-key";

    private ServerLlms() {}

    /** A model served by Ollama at {@code baseUrl} (such as {@code http://localhost:11434}), via {@code /api/chat}. */
    public static Builder ollama(String baseUrl, String model) {
        return new Builder(Kind.OLLAMA, baseUrl, model);
    }

    /**
     * A model served by an OpenAI-compatible server; {@code baseUrl} ends where {@code /chat/completions} starts
     * (usually with {@code /v1}, such as {@code http://localhost:8080/v1}).
     */
    public static Builder openAiCompatible(String baseUrl, String model) {
        return new Builder(Kind.OPENAI_COMPATIBLE, baseUrl, model);
    }

    private enum Kind {
        OLLAMA,
        OPENAI_COMPATIBLE
    }

    /**
     * Builds a {@link ChatModelLlm} for one model on one server; not thread-safe. Defaults: 60 s timeout, 3 attempts,
     * no API key, context window unknown (0), strict JSON schemas off. Replies may be constrained to JSON schemas,
     * which are sent as written ({@code anyOf}, bounds and patterns included), and seeds are passed on. OpenAI-compatible
     * servers are declared to return token log-probabilities ({@code logprobs}, {@code top_logprobs}: llama.cpp's
     * server, vLLM and OpenAI do), so the simulated-annotators judge reads them; Ollama is not, as LangChain4j's Ollama
     * client (1.18.1) has no field for them.
     */
    public static final class Builder {
        private final Kind kind;
        private final String baseUrl;
        private final String model;
        private Duration timeout = Duration.ofSeconds(60);
        private int maxAttempts = 3;
        private int contextWindow;
        private @Nullable String apiKey;
        private boolean strictJsonSchema;
        private Retry.@Nullable Sleeper sleeper;

        private Builder(Kind kind, String baseUrl, String model) {
            Objects.requireNonNull(baseUrl, "baseUrl == null");
            Objects.requireNonNull(model, "model == null");
            if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new IllegalArgumentException(
                        "baseUrl must start with http:// or https:// but was '" + baseUrl + "'");
            }
            if (model.isBlank()) {
                throw new IllegalArgumentException("model must not be blank");
            }
            this.kind = kind;
            this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            this.model = model;
        }

        /** How long one attempt may wait for the whole reply. */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive("timeout", timeout);
            return this;
        }

        /** How many times a request is tried in all when failures are retriable; 1 turns retries off. */
        public Builder maxAttempts(int maxAttempts) {
            Checks.atLeast("maxAttempts", maxAttempts, 1);
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The context window in tokens. Ollama is asked to use it ({@code num_ctx}); for OpenAI-compatible servers it
         * is only declared, so give the size the server was started with. 0 (the default) leaves it unknown.
         */
        public Builder contextWindow(int contextWindow) {
            Checks.atLeast("contextWindow", contextWindow, 0);
            this.contextWindow = contextWindow;
            return this;
        }

        /** The API key, sent as a bearer token; local servers usually need none. */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey == null");
            if (apiKey.isBlank()) {
                throw new IllegalArgumentException(
                        "apiKey must not be blank; leave it unset when the server needs none");
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Whether an OpenAI-compatible server is asked to follow JSON schemas strictly ({@code "strict": true}); off
         * by default. Local servers (llama.cpp's server, vLLM, LM Studio) constrain replies with their own grammar
         * engines either way; OpenAI's strict mode insists on closed objects, so it rejects schemas with free-form
         * maps such as the planner's. Turn it on for OpenAI itself when the schemas fit strict mode. Ollama ignores
         * it.
         */
        public Builder strictJsonSchema(boolean strictJsonSchema) {
            this.strictJsonSchema = strictJsonSchema;
            return this;
        }

        Builder sleeper(Retry.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
            return this;
        }

        public ChatModelLlm build() {
            ChatModelLlm.Builder llm = ChatModelLlm.builder(chatModel())
                    .streamingModel(streamingModel())
                    .name(model)
                    .serverUrl(baseUrl)
                    .contextWindow(contextWindow)
                    .maxAttempts(maxAttempts);
            if (sleeper != null) {
                llm.sleeper(sleeper);
            }
            return llm.build();
        }

        private ChatModel chatModel() {
            // maxRetries(0): ChatModelLlm retries, and LangChain4j's own retries would multiply the attempts.
            switch (kind) {
                case OLLAMA:
                    return OllamaChatModel.builder()
                            .baseUrl(baseUrl)
                            .modelName(model)
                            .timeout(timeout)
                            .numCtx(numCtx())
                            .customHeaders(headers())
                            .maxRetries(0)
                            .build();
                case OPENAI_COMPATIBLE:
                default:
                    return OpenAiChatModel.builder()
                            .baseUrl(baseUrl)
                            .modelName(model)
                            .apiKey(apiKey == null ? NO_API_KEY : apiKey)
                            .timeout(timeout)
                            .maxRetries(0)
                            .strictJsonSchema(strictJsonSchema)
                            .build();
            }
        }

        /** The context window Ollama is asked for; null leaves the server's default. */
        private @Nullable Integer numCtx() {
            return contextWindow > 0 ? contextWindow : null;
        }

        /** The bearer token for Ollama behind a proxy that wants one; none by default. */
        private Map<String, String> headers() {
            return apiKey == null ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
        }

        /** The streaming twin of {@link #chatModel()}, with the same options (LangChain4j does not retry streams). */
        private StreamingChatModel streamingModel() {
            switch (kind) {
                case OLLAMA:
                    return OllamaStreamingChatModel.builder()
                            .baseUrl(baseUrl)
                            .modelName(model)
                            .timeout(timeout)
                            .numCtx(numCtx())
                            .customHeaders(headers())
                            .build();
                case OPENAI_COMPATIBLE:
                default:
                    return OpenAiStreamingChatModel.builder()
                            .baseUrl(baseUrl)
                            .modelName(model)
                            .apiKey(apiKey == null ? NO_API_KEY : apiKey)
                            .timeout(timeout)
                            .strictJsonSchema(strictJsonSchema)
                            .build();
            }
        }
    }
}
