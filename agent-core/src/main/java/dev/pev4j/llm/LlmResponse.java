package dev.pev4j.llm;

import java.util.List;
import java.util.Objects;

/**
 * What a model replied. Immutable and thread-safe.
 *
 * @param text the reply, without any stop string that ended it
 * @param usage tokens read and written
 * @param finishReason why generation ended
 * @param logprobs one entry a generated token when the request asked for them and the backend has them, else empty
 */
public record LlmResponse(String text, TokenUsage usage, FinishReason finishReason, List<TokenLogprob> logprobs) {

    public LlmResponse {
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(usage, "usage == null");
        Objects.requireNonNull(finishReason, "finishReason == null");
        logprobs = List.copyOf(logprobs);
    }

    public LlmResponse(String text, TokenUsage usage, FinishReason finishReason) {
        this(text, usage, finishReason, List.of());
    }

    /** Why a model stopped generating. */
    public enum FinishReason {
        /** The model ended its reply. */
        STOP,
        /** A stop string of the request was generated. */
        STOP_STRING,
        /** The request's {@code maxTokens} (or the context window) was reached: the reply may be cut short. */
        LENGTH,
        /** The caller cancelled the generation. */
        CANCELLED,
        /** Anything else the backend reported. */
        OTHER
    }

    /**
     * The log-probability of one generated token, and of the most likely alternatives at that position (most likely
     * first, including the generated token where the backend reports it). Immutable and thread-safe.
     */
    public record TokenLogprob(String token, double logprob, List<Alternative> top) {

        public TokenLogprob {
            Objects.requireNonNull(token, "token == null");
            if (logprob > 0.0 || Double.isNaN(logprob)) {
                throw new IllegalArgumentException("logprob must be <= 0 but was " + logprob);
            }
            top = List.copyOf(top);
        }

        /** The probability, {@code exp(logprob)}. */
        public double probability() {
            return Math.exp(logprob);
        }

        /** A token that could have been generated instead, with its log-probability. */
        public record Alternative(String token, double logprob) {
            public Alternative {
                Objects.requireNonNull(token, "token == null");
            }
        }
    }
}
