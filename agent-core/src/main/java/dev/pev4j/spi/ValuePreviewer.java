package dev.pev4j.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders one kind of evidence value as a short text for prompts, within a character budget: a table as its shape,
 * columns and first rows, never all of it. Toolkits contribute previewers for their own types. Implementations are
 * thread-safe.
 *
 * <p>A previewer of tabular values also overrides {@link #structured(Object, int)} to hand over the {@link TableCells} its
 * text shows, so that a report can draw them as a table without reading the text back:
 *
 * <pre>{@code
 * ValuePreviewer texts = (value, maxChars) -> Optional.of("...");          // text only: structured() wraps it
 * Optional<Preview> p = tablePreviewer.structured(table, 1000);
 * p.get().text();   // what the model sees
 * p.get().cells();  // Optional[TableCells[title=Table 'sales.csv': 40 rows x 3 columns, columns=[region, ...], ...]]
 * }</pre>
 */
@FunctionalInterface
public interface ValuePreviewer {

    /**
     * A preview of {@code value} of at most {@code maxChars} characters, or empty when this previewer does not know the
     * value's type.
     */
    Optional<String> preview(Object value, int maxChars);

    /**
     * The preview of {@code value} as {@link #preview(Object, int)} writes it, with the cells it shows when the value is
     * tabular; empty when this previewer does not know the value's type. By default the text alone.
     */
    default Optional<Preview> structured(Object value, int maxChars) {
        return preview(value, maxChars).map(Preview::of);
    }

    /**
     * A preview: {@code text} is what the model sees, {@code cells} the table that text shows, when it shows one.
     * Immutable and thread-safe.
     */
    record Preview(String text, Optional<TableCells> cells) {

        public Preview {
            Objects.requireNonNull(text, "text == null");
            Objects.requireNonNull(cells, "cells == null");
        }

        /** A text-only preview. */
        public static Preview of(String text) {
            return new Preview(text, Optional.empty());
        }

        /** A preview of a table: {@code text} and the {@code cells} it shows. */
        public static Preview of(String text, TableCells cells) {
            return new Preview(text, Optional.of(Objects.requireNonNull(cells, "cells == null")));
        }
    }

    /**
     * The part of a table a preview shows: a {@code title} (such as {@code Table 'sales.csv': 40 rows x 3 columns}), the
     * column names with their dtypes ({@code int64}, {@code object}, ...; one per column, an empty string when unknown),
     * the first rows as cell texts, and how many rows are not shown. Cells are plain text, never markup. Immutable and
     * thread-safe.
     */
    record TableCells(String title, List<String> columns, List<String> dtypes, List<List<String>> rows, long moreRows) {

        /**
         * @throws IllegalArgumentException when there is not one dtype per column, a row has not one cell per column, or
         *     {@code moreRows} is negative
         */
        public TableCells {
            Objects.requireNonNull(title, "title == null");
            columns = List.copyOf(columns);
            dtypes = List.copyOf(dtypes);
            if (dtypes.size() != columns.size()) {
                throw new IllegalArgumentException("dtypes must have one entry per column: " + columns.size()
                        + " columns " + columns + " but " + dtypes.size() + " dtypes " + dtypes);
            }
            List<List<String>> copy = new ArrayList<>(rows.size());
            for (List<String> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("row " + copy.size() + " must have one cell per column: "
                            + columns.size() + " columns " + columns + " but " + row.size() + " cells " + row);
                }
                copy.add(List.copyOf(row));
            }
            rows = List.copyOf(copy);
            if (moreRows < 0) {
                throw new IllegalArgumentException("moreRows must be >= 0 but was " + moreRows);
            }
        }
    }
}
