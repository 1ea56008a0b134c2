package dev.pev4j.tools.expr;

import dev.pev4j.AgentException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * An expression could not be parsed or evaluated: a syntax error, an unknown function or column, or operands whose
 * types do not go together. The message names the offending token or operands and the nearest valid choices, for the
 * next prompt; the fields carry the same context.
 */
public class ExpressionException extends AgentException {

    private final String expression;
    private final int position;
    private final @Nullable String token;
    private final @Nullable String column;

    /**
     * @param expression the whole expression text
     * @param position the 1-based column in the text where the problem is, or 0 when it is not at one place
     * @param token the offending token as written, if any
     * @param column the table column the problem is about, if any
     */
    public ExpressionException(
            String message, String expression, int position, @Nullable String token, @Nullable String column) {
        super(message);
        this.expression = Objects.requireNonNull(expression, "expression == null");
        this.position = position;
        this.token = token;
        this.column = column;
    }

    /** The expression text the problem is in. */
    public String expression() {
        return expression;
    }

    /** The 1-based column in the expression text where the problem is; empty when it is not at one place. */
    public OptionalInt position() {
        return position > 0 ? OptionalInt.of(position) : OptionalInt.empty();
    }

    /** The offending token as written; empty at the end of the text or when no single token is to blame. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** The table column the problem is about; empty when it is not about one column. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
