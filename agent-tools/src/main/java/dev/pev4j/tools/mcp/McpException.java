package dev.pev4j.tools.mcp;

import dev.pev4j.AgentException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An MCP server could not serve a call: it reported an error for the tool ({@code isError}), did not answer within
 * the call timeout, or crashed and could not be restarted. The message names the server and says what happened; a
 * plan step that gets it fails, the run goes on.
 */
public final class McpException extends AgentException {

    private final String server;

    public McpException(String server, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.server = Objects.requireNonNull(server, "server == null");
    }

    /** The name of the server, as configured in {@link McpServer}. */
    public String server() {
        return server;
    }
}
