package dev.pev4j.llm;

import java.util.List;
import java.util.Objects;

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
