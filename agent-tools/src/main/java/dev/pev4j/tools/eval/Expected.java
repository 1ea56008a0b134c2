package dev.pev4j.tools.eval;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer a task expects, checked against the evidence of the last step of the plan the agent solved with: a
 * {@link Number} within a tolerance, a {@link ValueSet} of values in any order, a {@link TableContents} (columns and
 * rows, in order or not), or a {@link Chart} drawn by a {@code plot} step from the right table. Immutable and
 * thread-safe.
 */
public sealed interface Expected permits Expected.Number, Expected.ValueSet, Expected.TableContents, Expected.Chart {

    /** The kind as the suite file names it: {@code number}, {@code set}, {@code table} or {@code chart}. */
    String kind();

    /**
     * A number, within {@code tolerance} (absolute, or relative to the value when that is larger). Found in the
     * evidence as: a number; the element {@code index} of a list (or its only element); the entry {@code key} of a
     * map (or its only entry); the cell of column {@code column} of a one-row table (or any number in that row).
     */
    @SuppressWarnings("JavaLangClash") // always read as Expected.Number, the suite file's "number" kind
    record Number(
            double value,
            double tolerance,
            @Nullable String column,
            @Nullable String key,
            @Nullable Integer index) implements Expected {
        public Number {
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("tolerance must be >= 0 but was " + tolerance);
            }
        }

        @Override
        public String kind() {
            return "number";
        }
    }

    /**
     * A set of values in any order (text, numbers, booleans; numbers within a tolerance of 1e-9): a list's elements,
     * a map's keys, or a table's column {@code column} (or its only column, or any column holding exactly these
     * values).
     */
    record ValueSet(List<Object> values, @Nullable String column) implements Expected {
        public ValueSet {
            values = List.copyOf(values);
        }

        @Override
        public String kind() {
            return "set";
        }
    }

    /**
     * A table's contents: these columns (by name when the evidence has them all, else by position when it has as
     * many), these rows, in this order when {@code ordered}; numbers within {@code tolerance}, missing cells as
     * {@code null}. Extra columns in the evidence are allowed.
     */
    record TableContents(List<String> columns, List<List<@Nullable Object>> rows, boolean ordered, double tolerance)
            implements Expected {
        public TableContents {
            columns = List.copyOf(columns);
            rows = rows.stream()
                    .map(row -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(row)))
                    .toList();
            for (List<@Nullable Object> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException(
                            "a row has " + row.size() + " cells but there are " + columns.size() + " columns: " + row);
                }
            }
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("tolerance must be >= 0 but was " + tolerance);
            }
        }

        @Override
        public String kind() {
            return "table";
        }
    }

    /**
     * A chart: the plan's last step is a {@code plot} of kind {@code chart} with x column {@code x} (and y column
     * {@code y} unless null) that wrote its file, and the plotted table holds {@code data} in those columns.
     */
    record Chart(String chart, String x, @Nullable String y, TableContents data) implements Expected {
        public Chart {
            Objects.requireNonNull(chart, "chart == null");
            Objects.requireNonNull(x, "x == null");
            Objects.requireNonNull(data, "data == null");
        }

        @Override
        public String kind() {
            return "chart";
        }
    }
}
