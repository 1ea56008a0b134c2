package dev.pev4j.llm;

import dev.pev4j.internal.Checks;

/**
 * Tokens a model call read ({@code inputTokens}) and wrote ({@code outputTokens}), counted by the model's own
 * tokenizer. Immutable and thread-safe.
 */
public record TokenUsage(int inputTokens, int outputTokens) {

    public static final TokenUsage ZERO = new TokenUsage(0, 0);

    public TokenUsage {
        Checks.atLeast("inputTokens", inputTokens, 0);
        Checks.atLeast("outputTokens", outputTokens, 0);
    }

    public int totalTokens() {
        return inputTokens + outputTokens;
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
