package dev.pev4j.tool;

import dev.pev4j.AgentException;
import dev.pev4j.internal.Suggestions;
import java.util.List;

/**
 * A call named a tool that is not registered: {@code unknown tool 'read_cvs'; did you mean 'read_csv'? tools:
 * read_csv, head, shape}. The plan must change.
 */
final class UnknownToolException extends AgentException {

    private final String tool;
    private final List<String> closestNames;
    private final List<String> knownNames;

    public UnknownToolException(String tool, List<String> closestNames, List<String> knownNames) {
        super(message(tool, closestNames, knownNames));
        this.tool = tool;
        this.closestNames = List.copyOf(closestNames);
        this.knownNames = List.copyOf(knownNames);
    }

    private static String message(String tool, List<String> closest, List<String> known) {
        StringBuilder text = new StringBuilder("unknown tool '").append(tool).append('\'');
        if (!closest.isEmpty()) {
            text.append("; did you mean ")
                    .append(Suggestions.quotedAlternatives(closest))
                    .append('?');
        }
        text.append(closest.isEmpty() ? "; tools: " : " tools: ");
        text.append(known.isEmpty() ? "(none)" : String.join(", ", known));
        return text.toString();
    }

    /** The name the call used. */
    public String tool() {
        return tool;
    }

    /** Registered names close to {@link #tool()}, closest first; may be empty. */
    public List<String> closestNames() {
        return closestNames;
    }

    /** All registered tool names, in registration order. */
    public List<String> knownNames() {
        return knownNames;
    }
}
