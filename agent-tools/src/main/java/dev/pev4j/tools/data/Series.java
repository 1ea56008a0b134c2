package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A numeric column as a primitive {@code double[]} (NaN for missing) and rows split into groups, shared by the
 * row-relative and window tools so their loops run without boxing. Stateless.
 */
final class Series {

    private Series() {}

    /** The present cells as doubles, NaN where missing; booleans count as 1 and 0. */
    static double[] doubles(Column<?> column, String tool) {
        Windows.checkNumeric(column, tool);
        int rows = column.size();
        if (column instanceof DoubleColumn d) {
            return d.asDoubleArray();
        }
        double[] values = new double[rows];
        if (column instanceof LongColumn longs) {
            for (int row = 0; row < rows; row++) {
                long v = longs.getLong(row);
                values[row] = v == Long.MIN_VALUE ? Double.NaN : v; // MIN_VALUE: Tablesaw's missing long
            }
            return values;
        }
        for (int row = 0; row < rows; row++) {
            values[row] = column.isMissing(row) ? Double.NaN : Cells.doubleValue(column, row);
        }
        return values;
    }

    /**
     * A copy of {@code column}; text columns are copied through their dictionary codes ({@link TextPick}), which is
     * many times faster than Tablesaw's value-by-value {@code copy()}.
     */
    static Column<?> copy(Column<?> column) {
        if (column instanceof StringColumn strings) {
            int[] rows = new int[strings.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            Optional<StringColumn> picked = TextPick.pick(strings, rows);
            if (picked.isPresent()) {
                return picked.get();
            }
        }
        return column.copy();
    }

    /** Whether the column holds whole numbers or booleans (pandas keeps cumulative results whole for them). */
    static boolean whole(Column<?> column) {
        Kind kind = Dtypes.kind(column);
        return kind == Kind.INTEGRAL || kind == Kind.BOOLEAN;
    }

    /** A float64 column; NaN is missing. */
    static DoubleColumn doubleColumn(String name, double[] values) {
        return DoubleColumn.create(name, values);
    }

    /** An int64 column from doubles holding whole numbers; NaN is missing. */
    static LongColumn longColumn(String name, double[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = Double.isNaN(values[i]) ? Long.MIN_VALUE : (long) values[i];
        }
        return LongColumn.create(name, longs);
    }

    /**
     * The rows of each group, in their order: one group of all rows without keys, else {@code df.groupby(by)}'s
     * groups (rows with a missing key belong to none, as pandas' {@code dropna=True}).
     */
    static List<int[]> groups(Table table, @Nullable List<String> by) {
        if (by == null || by.isEmpty()) {
            int[] all = new int[table.rowCount()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return List.of(all);
        }
        List<Column<?>> keys = new ArrayList<>();
        for (String key : by) {
            keys.add(Columns.named(table, key));
        }
        return GroupBy.grouping(table, keys).rowsPerGroup();
    }

    /** Whether {@code groups} is the single group of all rows in order (no gathering needed). */
    static boolean allRows(List<int[]> groups, int rows) {
        return groups.size() == 1 && groups.get(0).length == rows;
    }

    /** {@code values} at {@code rows}. */
    static double[] gather(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /** Writes {@code part} back to {@code rows} of {@code out}. */
    static void scatter(double[] part, int[] rows, double[] out) {
        for (int i = 0; i < rows.length; i++) {
            out[rows[i]] = part[i];
        }
    }

    /** A one-dimensional computation over the values of one group, in row order. */
    interface Kernel {
        double[] apply(double[] values);
    }

    /**
     * {@code kernel} applied to each group separately; rows outside every group (missing key) are NaN, as pandas'
     * group transforms give.
     */
    static double[] perGroup(double[] values, List<int[]> groups, Kernel kernel) {
        if (allRows(groups, values.length)) {
            return kernel.apply(values);
        }
        double[] out = new double[values.length];
        java.util.Arrays.fill(out, Double.NaN);
        for (int[] rows : groups) {
            scatter(kernel.apply(gather(values, rows)), rows, out);
        }
        return out;
    }
}
