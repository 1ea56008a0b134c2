package dev.pev4j.tool;

import dev.pev4j.AgentException;

/**
 * An object given to a {@link ToolRegistry} cannot serve as tools: it has no {@code @Tool} method, two tools share a
 * name, or a tool method has a signature pev4j cannot call. The message names the method ({@code for method
 * Foo.bar}) and says how to fix it. Thrown when the registry is built, never during a run.
 */
public final class ToolRegistrationException extends AgentException {

    public ToolRegistrationException(String message) {
        super(message);
    }
}
