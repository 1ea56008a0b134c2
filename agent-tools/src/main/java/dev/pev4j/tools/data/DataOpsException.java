package dev.pev4j.tools.data;

import dev.pev4j.AgentException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A DataOps tool was called with input it cannot use: an unknown column, an aggregation that does not fit the
 * column's type, a file that is not CSV. The message names the bad value and the nearest valid ones, for the next
 * prompt; {@link #column()} carries the column concerned, if any.
 */
public class DataOpsException extends AgentException {

    private final @Nullable String column;

    public DataOpsException(String message) {
        this(message, null, null);
    }

    public DataOpsException(String message, @Nullable String column, @Nullable Throwable cause) {
        super(message, cause);
        this.column = column;
    }

    /** The column the problem is about; empty when it is not about one column. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
