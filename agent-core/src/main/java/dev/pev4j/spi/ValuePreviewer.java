package dev.pev4j.spi;

import java.util.Optional;

/**
 * Renders one kind of evidence value as a short text for prompts, within a character budget: a table as its shape,
 * columns and first rows, never all of it. Toolkits contribute previewers for their own types. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface ValuePreviewer {

    /**
     * A preview of {@code value} of at most {@code maxChars} characters, or empty when this previewer does not know the
     * value's type.
     */
    Optional<String> preview(Object value, int maxChars);
}
