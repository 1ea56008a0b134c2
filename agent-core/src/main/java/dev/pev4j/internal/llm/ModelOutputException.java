package dev.pev4j.internal.llm;

import dev.pev4j.llm.LlmException;
import org.jspecify.annotations.Nullable;

/**
 * A model replied, but not with what was asked for: no JSON where JSON was expected, JSON that is broken, or JSON of
 * the wrong shape. The message says what was expected and shows (the start of) the reply; {@link #reply()} holds all of
 * it. Not retriable: the same request gives the same reply at temperature 0; ask again with the error in the prompt.
 */
public class ModelOutputException extends LlmException {

    private final String reply;
    private final String expected;

    public ModelOutputException(String message, String reply, String expected, @Nullable Throwable cause) {
        super(message, false, cause);
        this.reply = reply;
        this.expected = expected;
    }

    /** The model's whole reply. */
    public String reply() {
        return reply;
    }

    /** What was expected, such as {@code a JSON object}. */
    public String expected() {
        return expected;
    }
}
