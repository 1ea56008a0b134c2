package dev.pev4j.llm.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.pev4j.internal.Checks;
import dev.pev4j.internal.llm.StopStrings;
import dev.pev4j.internal.retry.Retry;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LlmResponse.TokenLogprob;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LangChain4j {@link ChatModel} as a {@link LocalLlm}: any chat model LangChain4j supports can plan, test and solve.
 * Thread-safe when the wrapped model is (LangChain4j's are).
 *
 * <p>Messages map to LangChain4j's system, user and AI messages; {@code maxTokens}, temperature and stop strings go
 * into the request parameters, the seed too for {@link OpenAiChatModel} and {@link OllamaChatModel}, a request's
 * {@code topLogprobs} for {@link OpenAiChatModel} (the reply's log-probabilities come back in
 * {@link LlmResponse#logprobs()}), and a JSON schema
 * becomes a {@link ResponseFormat} holding the schema as written ({@link JsonRawSchema}: {@code anyOf}, bounds and
 * patterns reach the server unchanged). Failures become
 * {@link LlmException}s naming the server and the model; retriable ones (timeouts, rate limits, server errors,
 * unreachable servers) are tried again with exponential backoff, up to {@code maxAttempts} attempts in all. Turn the
 * wrapped model's own retries off ({@code maxRetries(0)}) so that requests are not retried twice; {@link ServerLlms}
 * does.
 *
 * <p>Given the same model's {@link StreamingChatModel} as well ({@link Builder#streamingModel}; {@link ServerLlms}
 * does), {@link #stream} hands the reply's text over piece by piece as the server sends it, on the calling thread;
 * without one the whole reply comes as one piece at the end.
 *
 * <pre>{@code
 * LocalLlm llm = ChatModelLlm.builder(chatModel).serverUrl("http://localhost:8080/v1").maxAttempts(3).build();
 * }</pre>
 */
public final class ChatModelLlm implements LocalLlm {

    private static final Logger LOG = LoggerFactory.getLogger(ChatModelLlm.class);

    /** The name LangChain4j's schema gets; OpenAI-compatible servers need one. */
    private static final String SCHEMA_NAME = "reply";

    private final ChatModel chatModel;
    private final @Nullable StreamingChatModel streamingModel;
    private final Dialect dialect;
    private final String name;
    private final String place;
    private final LlmCapabilities capabilities;
    private final Retry retry;

    private ChatModelLlm(Builder b, LlmCapabilities capabilities, String name, Retry retry) {
        this.chatModel = b.chatModel;
        this.streamingModel = b.streamingModel;
        this.dialect = Dialect.of(b.chatModel);
        this.name = name;
        this.place = b.serverUrl == null ? "its server" : b.serverUrl;
        this.capabilities = capabilities;
        this.retry = retry;
    }

    /** A builder wrapping {@code chatModel}. */
    public static Builder builder(ChatModel chatModel) {
        return new Builder(Objects.requireNonNull(chatModel, "chatModel == null"));
    }

    @Override
    public LlmCapabilities capabilities() {
        return capabilities;
    }

    /** The model's name on its server (or the name given to the builder). */
    @Override
    public String name() {
        return name;
    }

    /**
     * Asks the wrapped model, retrying retriable failures.
     *
     * <p>A request's JSON schema is sent as written, so whatever the server's grammar engine understands may be used
     * ({@code anyOf}, {@code const}, {@code maxLength}, {@code maxItems}, {@code pattern}, ...). Servers differ in
     * which keywords they enforce (llama.cpp's server and Ollama turn schemas into grammars and ignore what they do
     * not know; OpenAI's strict mode rejects some), so check the parsed reply as well.
     *
     * @throws LlmException when the call failed ({@link LlmException#isRetriable()} says whether a later try may
     *     succeed)
     */
    @Override
    public LlmResponse generate(LlmRequest request) {
        ChatRequest chatRequest = toChatRequest(request);
        ChatResponse response = callWithRetries(chatRequest);
        return toLlmResponse(response, request);
    }

    /**
     * Streams the reply from the {@linkplain Builder#streamingModel streaming model} when there is one: pieces reach
     * {@code pieces} on the calling thread as the server sends them, held back only where they could be the start of
     * a stop string. Failures before the first piece are retried as in {@link #generate}; a failure after it is not
     * (the caller has seen part of a reply). An interrupt of the calling thread cancels the stream and gives a
     * {@link LlmResponse.FinishReason#CANCELLED} reply.
     */
    @Override
    public LlmResponse generateStreaming(LlmRequest request, Consumer<String> pieces) {
        Objects.requireNonNull(pieces, "pieces == null");
        StreamingChatModel streaming = streamingModel;
        if (streaming == null) {
            return LocalLlm.super.generateStreaming(request, pieces);
        }
        ChatRequest chatRequest = toChatRequest(request);
        StopStrings text = new StopStrings(request.stop(), pieces);
        Streamed streamed = withRetries(() -> stream(streaming, chatRequest, text));
        if (streamed.finish() == LlmResponse.FinishReason.CANCELLED) {
            Thread.currentThread().interrupt();
        }
        if (streamed.response() == null) {
            return new LlmResponse(text.text(), TokenUsage.ZERO, streamed.finish());
        }
        LlmResponse complete = toLlmResponse(streamed.response(), request);
        text.flush();
        return new LlmResponse(text.text(), complete.usage(), complete.finishReason(), complete.logprobs());
    }

    /**
     * How one stream ended: with the server's complete response ({@code finish} STOP), or cut short without one by a
     * stop string or an interrupt.
     */
    private record Streamed(@Nullable ChatResponse response, LlmResponse.FinishReason finish) {}

    /**
     * One streaming call. The server's pieces arrive on LangChain4j's thread and are queued; this (the caller's)
     * thread takes them, so {@code pieces} runs here and what it throws cancels the stream and ends the call.
     */
    private Streamed stream(StreamingChatModel streaming, ChatRequest chatRequest, StopStrings text) {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        AtomicReference<@Nullable StreamingHandle> handle = new AtomicReference<>();
        streaming.chat(chatRequest, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                events.add(partial.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                events.add(response);
            }

            @Override
            public void onError(Throwable error) {
                events.add(error);
            }
        });
        boolean delivered = false;
        try {
            while (true) {
                Object event = events.take();
                if (event instanceof String piece) {
                    delivered |= !piece.isEmpty();
                    if (text.append(piece)) {
                        cancel(handle);
                        return new Streamed(null, LlmResponse.FinishReason.STOP_STRING);
                    }
                } else if (event instanceof ChatResponse response) {
                    return new Streamed(response, LlmResponse.FinishReason.STOP);
                } else {
                    Throwable error = (Throwable) event;
                    LlmException failure = Failures.toLlmException(
                            error instanceof RuntimeException r ? r : new IllegalStateException(error), name, place);
                    if (delivered && failure.isRetriable()) {
                        // the caller has seen part of this reply: another attempt would repeat it
                        throw new LlmException(
                                failure.getMessage() + "; not retried, as part of the reply was streamed already",
                                false,
                                error);
                    }
                    throw failure;
                }
            }
        } catch (InterruptedException e) {
            cancel(handle);
            return new Streamed(null, LlmResponse.FinishReason.CANCELLED);
        } catch (RuntimeException e) {
            cancel(handle);
            throw e;
        }
    }

    private static void cancel(AtomicReference<@Nullable StreamingHandle> handle) {
        StreamingHandle h = handle.get();
        if (h != null && !h.isCancelled()) {
            h.cancel();
        }
    }

    private ChatRequest toChatRequest(LlmRequest request) {
        List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            switch (m.role()) {
                case SYSTEM -> messages.add(SystemMessage.from(m.text()));
                case USER -> messages.add(UserMessage.from(m.text()));
                case ASSISTANT -> messages.add(AiMessage.from(m.text()));
            }
        }
        ResponseFormat format = null;
        String schema = request.jsonSchema();
        if (schema != null) {
            // LlmRequest has checked that the schema is a JSON object; it goes to the server as written, because
            // LangChain4j's element tree has no place for bounds and the OpenAI and Ollama adapters pass a raw
            // schema through verbatim.
            JsonSchema raw = JsonSchema.builder()
                    .name(SCHEMA_NAME)
                    .rootElement(JsonRawSchema.from(schema))
                    .build();
            format = ResponseFormat.builder()
                    .type(ResponseFormatType.JSON)
                    .jsonSchema(raw)
                    .build();
        }
        return ChatRequest.builder()
                .messages(messages)
                .parameters(parameters(request, format))
                .build();
    }

    private ChatRequestParameters parameters(LlmRequest request, @Nullable ResponseFormat format) {
        Integer seed = request.seed() == null ? null : toInt(request.seed());
        switch (dialect) {
            case OPENAI: {
                OpenAiChatRequestParameters.Builder b = OpenAiChatRequestParameters.builder();
                common(b, request, format);
                if (request.topLogprobs() > 0) {
                    b.logprobs(true).topLogprobs(request.topLogprobs());
                }
                return seed == null ? b.build() : b.seed(seed).build();
            }
            case OLLAMA: {
                OllamaChatRequestParameters.Builder b = OllamaChatRequestParameters.builder();
                common(b, request, format);
                return seed == null ? b.build() : b.seed(seed).build();
            }
            case OTHER:
            default: {
                DefaultChatRequestParameters.Builder<?> b = DefaultChatRequestParameters.builder();
                common(b, request, format);
                return b.build();
            }
        }
    }

    /** Sets what every LangChain4j model understands; the builders change in place. */
    private static void common(
            DefaultChatRequestParameters.Builder<?> builder, LlmRequest request, @Nullable ResponseFormat format) {
        builder.maxOutputTokens(request.maxTokens());
        builder.temperature(request.temperature());
        if (!request.stop().isEmpty()) {
            builder.stopSequences(request.stop());
        }
        if (format != null) {
            builder.responseFormat(format);
        }
    }

    /** Seeds are ints on the wire; longs outside that range are folded, which keeps them reproducible. */
    private static int toInt(long seed) {
        return seed == (int) seed ? (int) seed : Long.hashCode(seed);
    }

    private ChatResponse callWithRetries(ChatRequest chatRequest) {
        return withRetries(() -> {
            try {
                return chatModel.chat(chatRequest);
            } catch (RuntimeException e) {
                throw Failures.toLlmException(e, name, place);
            }
        });
    }

    /** Runs {@code call}, which throws {@link LlmException}s, under the retry policy. */
    private <T> T withRetries(Supplier<T> call) {
        try {
            return retry.call((attempt, previous) -> call.get());
        } catch (LlmException failure) {
            if (failure.isRetriable() && retry.maxAttempts() > 1) {
                // a retriable failure reaches here only when the attempts ran out
                String message = failure.getMessage() + "; gave up after " + retry.maxAttempts() + " attempts";
                throw new LlmException(message, true, failure.getCause());
            }
            throw failure;
        } catch (Retry.Interrupted e) {
            Thread.currentThread().interrupt();
            throw new LlmException(
                    "interrupted while waiting to retry model '" + name + "' on " + place + " after: "
                            + e.lastFailure().getMessage(),
                    false,
                    e.getCause());
        }
    }

    /** Logs each retry decision, and hands it to the builder's listener. */
    private static Retry.Listener logging(Retry.Listener listener, int maxAttempts) {
        return event -> {
            if (event instanceof Retry.RetryScheduled scheduled) {
                LOG.debug(
                        "attempt {} of {} failed, retrying in {}: {}",
                        scheduled.attempt(),
                        maxAttempts,
                        scheduled.delay(),
                        scheduled.cause().getMessage());
            }
            listener.on(event);
        };
    }

    private static LlmResponse toLlmResponse(ChatResponse response, LlmRequest request) {
        AiMessage message = response.aiMessage();
        String text = message == null || message.text() == null ? "" : message.text();
        LlmResponse.FinishReason finish = finishReason(response.finishReason());
        int cut = StopStrings.firstStop(new StringBuilder(text), request.stop(), 0); // servers differ in cutting it
        if (cut >= 0) {
            text = text.substring(0, cut);
            finish = LlmResponse.FinishReason.STOP_STRING;
        }
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        TokenUsage tokens = usage == null
                ? TokenUsage.ZERO
                : new TokenUsage(count(usage.inputTokenCount()), count(usage.outputTokenCount()));
        return new LlmResponse(text, tokens, finish, logprobs(response, request));
    }

    /**
     * The log-probabilities an OpenAI-compatible server sent with the reply, when the request asked for them; empty
     * otherwise, and for a server that sent none. Tokens past a stop string the server did not cut are kept: they are
     * few, and the judge reads the first tokens only. Values a server rounds above 0 count as 0.
     */
    private static List<TokenLogprob> logprobs(ChatResponse response, LlmRequest request) {
        if (request.topLogprobs() == 0
                || !(response.metadata() instanceof OpenAiChatResponseMetadata metadata)
                || metadata.logProbs() == null) {
            return List.of();
        }
        List<TokenLogprob> tokens = new ArrayList<>();
        for (LogProb token : metadata.logProbs()) {
            if (token.token() == null
                    || token.logprob() == null
                    || token.logprob().isNaN()) {
                continue;
            }
            List<TokenLogprob.Alternative> top = new ArrayList<>();
            if (token.topLogprobs() != null) {
                for (LogProb alternative : token.topLogprobs()) {
                    if (alternative.token() != null && alternative.logprob() != null) {
                        top.add(new TokenLogprob.Alternative(alternative.token(), alternative.logprob()));
                    }
                }
            }
            tokens.add(new TokenLogprob(token.token(), Math.min(0.0, token.logprob()), top));
        }
        return tokens;
    }

    private static LlmResponse.FinishReason finishReason(dev.langchain4j.model.output.@Nullable FinishReason reason) {
        if (reason == null) {
            return LlmResponse.FinishReason.STOP;
        }
        return switch (reason) {
            case STOP -> LlmResponse.FinishReason.STOP;
            case LENGTH -> LlmResponse.FinishReason.LENGTH;
            case TOOL_EXECUTION, CONTENT_FILTER, OTHER -> LlmResponse.FinishReason.OTHER;
        };
    }

    private static int count(@Nullable Integer tokens) {
        return tokens == null ? 0 : Math.max(0, tokens);
    }

    /** Which request parameters a wrapped model understands beyond LangChain4j's common ones. */
    enum Dialect {
        OPENAI,
        OLLAMA,
        OTHER;

        /** The dialect of a plain or streaming LangChain4j model. */
        static Dialect of(Object model) {
            if (model instanceof OpenAiChatModel || model instanceof OpenAiStreamingChatModel) {
                return OPENAI;
            }
            if (model instanceof OllamaChatModel || model instanceof OllamaStreamingChatModel) {
                return OLLAMA;
            }
            return OTHER;
        }
    }

    /**
     * Builds a {@link ChatModelLlm}; not thread-safe. Defaults: 3 attempts, backoff from 500 ms doubling up to 10 s,
     * capabilities derived from the model (JSON schema and seed for OpenAI and Ollama models, token log-probabilities
     * for OpenAI models, which LangChain4j asks for with {@code logprobs}/{@code top_logprobs} and reads from the
     * reply; not for Ollama, whose LangChain4j client (1.18.1) neither sends nor reads them; for others JSON schema
     * when the model declares {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA}), context window unknown (0).
     */
    public static final class Builder {
        private final ChatModel chatModel;
        private @Nullable StreamingChatModel streamingModel;
        private @Nullable String name;
        private @Nullable String serverUrl;
        private @Nullable LlmCapabilities capabilities;
        private int contextWindow;
        private final Retry.Builder retry =
                Retry.builder().retryIf(e -> e instanceof LlmException l && l.isRetriable());
        private int maxAttempts = 3;
        private Retry.Listener listener = Retry.Listener.NONE;

        private Builder(ChatModel chatModel) {
            this.chatModel = chatModel;
        }

        /** The name for logs, traces and messages; defaults to the model's default model name. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
            return this;
        }

        /**
         * The streaming twin of the wrapped model (the same server, model and options), used by
         * {@link ChatModelLlm#stream}. It must be of the same kind: an {@link OpenAiStreamingChatModel} beside an
         * {@link OpenAiChatModel}, an {@link OllamaStreamingChatModel} beside an {@link OllamaChatModel}, since the
         * request parameters are built for the wrapped model.
         */
        public Builder streamingModel(StreamingChatModel streamingModel) {
            Objects.requireNonNull(streamingModel, "streamingModel == null");
            Dialect wrapped = Dialect.of(chatModel);
            Dialect streaming = Dialect.of(streamingModel);
            if (wrapped != streaming) {
                throw new IllegalArgumentException("streamingModel must be of the wrapped model's kind ("
                        + chatModel.getClass().getSimpleName() + ") but was "
                        + streamingModel.getClass().getSimpleName());
            }
            this.streamingModel = streamingModel;
            return this;
        }

        /** The server's URL, named in error messages. */
        public Builder serverUrl(String serverUrl) {
            this.serverUrl = Objects.requireNonNull(serverUrl, "serverUrl == null");
            return this;
        }

        /** Declares what the model can do, replacing what would be derived from its type. */
        public Builder capabilities(LlmCapabilities capabilities) {
            this.capabilities = Objects.requireNonNull(capabilities, "capabilities == null");
            return this;
        }

        /** The most tokens prompt and reply may hold together, as the server is configured; 0 when unknown. */
        public Builder contextWindow(int contextWindow) {
            Checks.atLeast("contextWindow", contextWindow, 0);
            this.contextWindow = contextWindow;
            return this;
        }

        /** How many times a request is tried in all when failures are retriable; 1 turns retries off. */
        public Builder maxAttempts(int maxAttempts) {
            retry.maxAttempts(maxAttempts);
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The wait before the second attempt; each later wait doubles, up to {@link #maxBackoff}. */
        public Builder initialBackoff(Duration initialBackoff) {
            retry.initialBackoff(initialBackoff);
            return this;
        }

        /** The longest wait between two attempts. */
        public Builder maxBackoff(Duration maxBackoff) {
            retry.maxBackoff(maxBackoff);
            return this;
        }

        Builder sleeper(Retry.Sleeper sleeper) {
            retry.sleeper(sleeper);
            return this;
        }

        /** Receives each retry decision (a retry scheduled, or given up), on the calling thread. */
        Builder retryListener(Retry.Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        public ChatModelLlm build() {
            Retry policy = retry.listener(logging(listener, maxAttempts)).build();
            String modelName = name;
            if (modelName == null) {
                ChatRequestParameters defaults = chatModel.defaultRequestParameters();
                modelName = defaults == null || defaults.modelName() == null
                        ? chatModel.getClass().getSimpleName()
                        : defaults.modelName();
            }
            return new ChatModelLlm(
                    this, capabilities == null ? derivedCapabilities() : capabilities, modelName, policy);
        }

        private LlmCapabilities derivedCapabilities() {
            return switch (Dialect.of(chatModel)) {
                case OPENAI -> new LlmCapabilities(true, true, true, contextWindow);
                case OLLAMA -> new LlmCapabilities(true, false, true, contextWindow);
                case OTHER ->
                    new LlmCapabilities(
                            chatModel.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA),
                            false,
                            false,
                            contextWindow);
            };
        }
    }
}
