package dev.pev4j.tool;

import dev.pev4j.AgentException;
import java.util.Objects;

/**
 * A tool was called with well-bound arguments and threw: {@code tool 'read_csv' failed: no such file: sales.csv}. The
 * tool's own exception is the {@linkplain #getCause() cause}.
 */
final class ToolExecutionException extends AgentException {

    private final String tool;

    public ToolExecutionException(String tool, Throwable cause) {
        super("tool '" + tool + "' failed: " + describe(cause), Objects.requireNonNull(cause, "cause == null"));
        this.tool = tool;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** The tool that failed. */
    public String tool() {
        return tool;
    }

    /** The exception the tool threw. */
    @Override
    public synchronized Throwable getCause() {
        return Objects.requireNonNull(super.getCause());
    }
}
