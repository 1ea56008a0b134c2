package dev.pev4j.internal.prompt;

import dev.pev4j.AgentException;

/** A prompt that does not fit its token budget even with every trimmable section trimmed as far as allowed. */
public class PromptTooLongException extends AgentException {

    private final int tokens;
    private final int budget;

    public PromptTooLongException(String message, int tokens, int budget) {
        super(message);
        this.tokens = tokens;
        this.budget = budget;
    }

    /** The tokens of the prompt trimmed as far as allowed. */
    public int tokens() {
        return tokens;
    }

    /** The tokens the prompt had to fit in. */
    public int budget() {
        return budget;
    }
}
