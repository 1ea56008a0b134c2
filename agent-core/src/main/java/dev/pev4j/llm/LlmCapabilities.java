package dev.pev4j.llm;

/**
 * What a backend can do, declared by the backend. Immutable and thread-safe.
 *
 * @param jsonSchema replies are constrained to a request's JSON schema
 * @param logprobs replies carry token log-probabilities when asked
 * @param seed a request's seed makes replies reproducible
 * @param contextWindow the most tokens prompt and reply may hold together, 0 when unknown
 */
public record LlmCapabilities(boolean jsonSchema, boolean logprobs, boolean seed, int contextWindow) {

    /** Plain text generation, nothing more declared. */
    public static final LlmCapabilities TEXT_ONLY = new LlmCapabilities(false, false, false, 0);

    public LlmCapabilities {
        if (contextWindow < 0) {
            throw new IllegalArgumentException("contextWindow must be >= 0 but was " + contextWindow);
        }
    }
}
