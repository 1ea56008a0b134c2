package dev.pev4j.tools.workspace;

import dev.pev4j.AgentException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A path a tool asked for cannot be used: it lies outside the workspace, does not exist, already exists when a write
 * must not overwrite it, or the file system failed. The message names the path and says why; {@link #path()} and
 * {@link #suggestions()} carry the same context as fields.
 */
public class WorkspaceException extends AgentException {

    private final String path;
    private final List<String> suggestions;

    public WorkspaceException(String path, String message) {
        this(path, message, List.of(), null);
    }

    public WorkspaceException(String path, String message, List<String> suggestions, @Nullable Throwable cause) {
        super(message, cause);
        this.path = path;
        this.suggestions = List.copyOf(suggestions);
    }

    /** The path as the caller wrote it. */
    public String path() {
        return path;
    }

    /** Existing workspace files whose names are close to {@link #path()}, nearest first; empty if none. */
    public List<String> suggestions() {
        return suggestions;
    }
}
