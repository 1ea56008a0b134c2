package dev.pev4j.tester;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A read-only view of a table for checks: its size, its column names and a column's cells. Cells are {@code null} when
 * missing, {@code Long} or {@code Double} for numbers (other {@code Number}s are accepted too), {@code String} for text
 * and dates (ISO 8601), {@code Boolean} for truth values. A view is used by one thread at a time, right after it was
 * made.
 */
public interface TabularView {

    /** The number of rows. */
    int rows();

    /** The column names, in table order. */
    List<String> columns();

    /**
     * The cells of {@code column}, one a row, {@code null} for a missing cell.
     *
     * @throws IllegalArgumentException when the table has no such column
     */
    List<@Nullable Object> values(String column);
}
