package dev.pev4j.examples.cli;

import dev.pev4j.AgentException;
import org.jspecify.annotations.Nullable;

/** No model could be had: not cached while offline, not found, not loadable. The message says how to supply one. */
public final class ModelUnavailableException extends AgentException {

    private static final long serialVersionUID = 1L;

    public ModelUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
