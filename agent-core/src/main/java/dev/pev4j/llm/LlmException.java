package dev.pev4j.llm;

import dev.pev4j.AgentException;
import org.jspecify.annotations.Nullable;

/**
 * A model call failed. {@link #isRetriable()} says whether the same request may succeed later (a timeout, an
 * overloaded server) or will fail again (a bad request, a missing model).
 */
public class LlmException extends AgentException {

    private final boolean retriable;

    public LlmException(String message, boolean retriable) {
        this(message, retriable, null);
    }

    public LlmException(String message, boolean retriable, @Nullable Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean isRetriable() {
        return retriable;
    }
}
