package dev.pev4j.llm;

/**
 * Tokens a model call read ({@code inputTokens}) and wrote ({@code outputTokens}), counted by the model's own
 * tokenizer. Immutable and thread-safe.
 */
public record TokenUsage(int inputTokens, int outputTokens) {

    public static final TokenUsage ZERO = new TokenUsage(0, 0);

    public TokenUsage {
        if (inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens must be >= 0 but was " + inputTokens);
        }
        if (outputTokens < 0) {
            throw new IllegalArgumentException("outputTokens must be >= 0 but was " + outputTokens);
        }
    }

    public int totalTokens() {
        return inputTokens + outputTokens;
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
