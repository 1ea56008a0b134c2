package dev.pev4j.spi;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Shows the tester a kind of evidence value as a table, so that checks such as {@code rows(#E2) <= 3} or
 * {@code unique(#E2, "region")} work on it. Toolkits implement it for their dataframe types (agent-tools: Tablesaw's
 * {@code Table}). Implementations are thread-safe.
 */
@FunctionalInterface
public interface EvidenceInspector {

    /** {@code value} as a table, or empty when this inspector does not know the value's type. */
    Optional<TabularView> inspect(Object value);

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
}
