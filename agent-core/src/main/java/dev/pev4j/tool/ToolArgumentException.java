package dev.pev4j.tool;

import dev.pev4j.AgentException;
import java.lang.reflect.Type;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of a tool call do not fit the tool's parameters: a value of the wrong type ({@code tool 'head'
 * parameter 'n' expects int but got "ten" (String)}), a missing required argument, an argument too many, or a named
 * argument the tool does not have. The plan must change; the message says how and can go back to the model as is.
 */
final class ToolArgumentException extends AgentException {

    private final String tool;
    private final @Nullable String parameter;
    private final @Nullable Type expectedType;
    private final @Nullable Object value;

    public ToolArgumentException(
            String message,
            String tool,
            @Nullable String parameter,
            @Nullable Type expectedType,
            @Nullable Object value) {
        super(message);
        this.tool = tool;
        this.parameter = parameter;
        this.expectedType = expectedType;
        this.value = value;
    }

    /** The tool that was called. */
    public String tool() {
        return tool;
    }

    /**
     * The parameter concerned, or the name the plan used for an argument the tool does not have; empty for a
     * positional argument beyond the last parameter.
     */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    /**
     * The type that was expected where binding failed (the element type for a bad list element); empty when the
     * argument matches no parameter.
     */
    public Optional<Type> expectedType() {
        return Optional.ofNullable(expectedType);
    }

    /** The value that did not bind; {@code null} when the value was null or missing. */
    public @Nullable Object value() {
        return value;
    }
}
