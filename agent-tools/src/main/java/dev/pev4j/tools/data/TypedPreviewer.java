package dev.pev4j.tools.data;

import dev.pev4j.internal.Checks;
import dev.pev4j.spi.ValuePreviewer;
import java.util.Optional;

/**
 * A previewer of values of one type ({@link TablePreviewer}'s tables, {@link RelationPreviewer}'s relations): checks
 * the budget, previews values of its type, passes over the rest, and gives the structured preview's text as the
 * text preview. Immutable and thread-safe when the subclass is.
 */
abstract class TypedPreviewer<T> implements ValuePreviewer {

    private final Class<T> type;

    TypedPreviewer(Class<T> type) {
        this.type = type;
    }

    @Override
    public final Optional<String> preview(Object value, int maxChars) {
        return structured(value, maxChars).map(Preview::text);
    }

    /** The preview with the cells it shows: the column names, their dtypes and the rows that fit. */
    @Override
    public final Optional<Preview> structured(Object value, int maxChars) {
        Checks.atLeast("maxChars", maxChars, 1);
        return type.isInstance(value) ? Optional.of(previewOf(type.cast(value), maxChars)) : Optional.empty();
    }

    /** The preview of {@code value}, within {@code maxChars} (at least 1). */
    abstract Preview previewOf(T value, int maxChars);
}
