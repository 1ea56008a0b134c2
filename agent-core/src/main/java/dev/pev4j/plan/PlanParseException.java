package dev.pev4j.plan;

import dev.pev4j.AgentException;

/**
 * The model's text holds no plan that could be read. The message says what was expected and where, and quotes the
 * offending text, so that it can go back to the model in a repair prompt.
 */
public final class PlanParseException extends AgentException {

    private final int position;

    public PlanParseException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** The character offset in the parsed text where reading failed, or -1 when there is no single place. */
    public int position() {
        return position;
    }
}
