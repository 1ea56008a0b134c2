package dev.pev4j;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception pev4j throws. All are unchecked; subclasses say what the caller can do about them
 * (fix the plan, fix the tool input, retry the model, fix the set-up).
 */
public class AgentException extends RuntimeException {

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
