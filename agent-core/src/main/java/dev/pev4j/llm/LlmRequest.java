package dev.pev4j.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.internal.Checks;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What to ask a model: the conversation so far and how to sample the reply.
 *
 * <pre>{@code
 * LlmRequest request = LlmRequest.builder()
 *         .system("You write plans.")
 *         .user("Plan: total revenue by region")
 *         .maxTokens(512)
 *         .temperature(0.0)
 *         .stop("<END_OF_PLAN>")
 *         .build();
 * }</pre>
 *
 * @param messages the conversation, at least one message
 * @param maxTokens the most tokens the reply may have, at least 1
 * @param temperature 0 for greedy decoding, at most 2
 * @param stop strings that end the reply when generated; the reply does not contain them
 * @param seed the sampling seed, for reproducible replies where the backend supports it
 * @param jsonSchema a JSON schema (as JSON text) the reply must satisfy, for backends whose
 *     {@link LlmCapabilities#jsonSchema()} is true
 * @param topLogprobs how many alternatives' log-probabilities to return for each generated token, 0 for none
 */
public record LlmRequest(
        List<ChatMessage> messages,
        int maxTokens,
        double temperature,
        List<String> stop,
        @Nullable Long seed,
        @Nullable String jsonSchema,
        int topLogprobs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public LlmRequest {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        Checks.atLeast("maxTokens", maxTokens, 1);
        if (!(temperature >= 0.0 && temperature <= 2.0)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2 but was " + temperature);
        }
        for (String s : stop) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("stop strings must not be empty");
            }
        }
        if (topLogprobs < 0 || topLogprobs > 20) {
            throw new IllegalArgumentException("topLogprobs must be between 0 and 20 but was " + topLogprobs);
        }
        if (jsonSchema != null) {
            requireJsonObject(jsonSchema);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.messages.addAll(messages);
        b.maxTokens = maxTokens;
        b.temperature = temperature;
        b.stop.addAll(stop);
        b.seed = seed;
        b.jsonSchema = jsonSchema;
        b.topLogprobs = topLogprobs;
        return b;
    }

    public Optional<Long> seedIfSet() {
        return Optional.ofNullable(seed);
    }

    public Optional<String> jsonSchemaIfSet() {
        return Optional.ofNullable(jsonSchema);
    }

    /** The text of the last user message, or empty when there is none. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatMessage.Role.USER) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    private static void requireJsonObject(String schema) {
        JsonNode node;
        try {
            node = JSON.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "jsonSchema is not valid JSON: " + e.getOriginalMessage() + " in: " + abbreviate(schema), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("jsonSchema must be a JSON object but was: " + abbreviate(schema));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Builds an {@link LlmRequest}; not thread-safe. Defaults: 512 tokens, temperature 0, no stop strings. */
    public static final class Builder {
        private final List<ChatMessage> messages = new ArrayList<>();
        private int maxTokens = 512;
        private double temperature = 0.0;
        private final List<String> stop = new ArrayList<>();
        private @Nullable Long seed;
        private @Nullable String jsonSchema;
        private int topLogprobs;

        private Builder() {}

        public Builder message(ChatMessage message) {
            messages.add(Objects.requireNonNull(message, "message == null"));
            return this;
        }

        public Builder messages(List<ChatMessage> messages) {
            Objects.requireNonNull(messages, "messages == null");
            messages.forEach(this::message);
            return this;
        }

        public Builder system(String text) {
            return message(ChatMessage.system(text));
        }

        public Builder user(String text) {
            return message(ChatMessage.user(text));
        }

        public Builder assistant(String text) {
            return message(ChatMessage.assistant(text));
        }

        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder stop(String... stop) {
            for (String s : stop) {
                this.stop.add(Objects.requireNonNull(s, "stop == null"));
            }
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder jsonSchema(String jsonSchema) {
            this.jsonSchema = Objects.requireNonNull(jsonSchema, "jsonSchema == null");
            return this;
        }

        public Builder topLogprobs(int topLogprobs) {
            this.topLogprobs = topLogprobs;
            return this;
        }

        public LlmRequest build() {
            if (messages.isEmpty()) {
                throw new IllegalStateException("A request needs at least one message.");
            }
            return new LlmRequest(messages, maxTokens, temperature, stop, seed, jsonSchema, topLogprobs);
        }
    }

    /** One message of a conversation with a model. Immutable and thread-safe. */
    public record ChatMessage(Role role, String text) {

        /** Who wrote a message. */
        public enum Role {
            SYSTEM,
            USER,
            ASSISTANT
        }

        public ChatMessage {
            Objects.requireNonNull(role, "role == null");
            Objects.requireNonNull(text, "text == null");
        }

        public static ChatMessage system(String text) {
            return new ChatMessage(Role.SYSTEM, text);
        }

        public static ChatMessage user(String text) {
            return new ChatMessage(Role.USER, text);
        }

        public static ChatMessage assistant(String text) {
            return new ChatMessage(Role.ASSISTANT, text);
        }
    }
}
