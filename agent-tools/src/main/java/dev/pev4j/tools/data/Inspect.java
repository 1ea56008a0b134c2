package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** {@code info}, {@code unique}, {@code nunique}, {@code value_counts} and {@code isnull}, as pandas gives them. */
final class Inspect {

    /** Stands for a missing cell where cells are used as keys: missing cells are equal to each other, as in pandas. */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "NaN";
        }
    };

    private Inspect() {}

    /** A cell as a hash key: its value, or {@link #MISSING}. */
    static Object key(Column<?> column, int row) {
        return column.isMissing(row) ? MISSING : column.get(row);
    }

    /** One row per column: its name, its count of present values and its pandas dtype, as {@code df.info()}. */
    static Table info(Table table, String name) {
        StringColumn columns = StringColumn.create("column");
        LongColumn nonNull = LongColumn.create("non_null_count");
        StringColumn dtypes = StringColumn.create("dtype");
        for (Column<?> column : table.columns()) {
            columns.append(column.name());
            nonNull.append(column.size() - column.countMissing());
            dtypes.append(Dtypes.of(column));
        }
        return Table.create(name, columns, nonNull, dtypes);
    }

    /** The distinct values in order of first appearance, a missing value included once, as {@code Series.unique}. */
    static List<@Nullable Object> unique(Column<?> column) {
        Map<Object, Integer> seen = new LinkedHashMap<>();
        for (int row = 0; row < column.size(); row++) {
            seen.putIfAbsent(key(column, row), row);
        }
        List<@Nullable Object> values = new ArrayList<>();
        for (Object value : seen.keySet()) {
            values.add(value == MISSING ? null : value);
        }
        return values;
    }

    /** The number of distinct present values of each column, as {@code df.nunique()}. */
    static Map<String, Long> nunique(List<Column<?>> columns) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Column<?> column : columns) {
            long distinct = unique(column).stream().filter(v -> v != null).count();
            counts.put(column.name(), distinct);
        }
        return counts;
    }

    /** The number of missing cells of each column, as {@code df.isnull().sum()}. */
    static Map<String, Long> isnull(Table table) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Column<?> column : table.columns()) {
            counts.put(column.name(), (long) column.countMissing());
        }
        return counts;
    }

    /**
     * The distinct values and how often each occurs, most frequent first, ties in order of first appearance, as
     * {@code Series.value_counts()}: a column of the values (named as the input column, same type) and a column
     * {@code count} ({@code int64}) or, normalized, {@code proportion} ({@code float64}).
     */
    static Table valueCounts(Column<?> column, boolean normalize, boolean dropna, String name) {
        Map<Object, int[]> counts = new HashMap<>(); // value -> {first row, count}
        List<Object> order = new ArrayList<>();
        long total = 0;
        for (int row = 0; row < column.size(); row++) {
            Object key = key(column, row);
            if (dropna && key == MISSING) {
                continue;
            }
            total++;
            int[] entry = counts.get(key);
            if (entry == null) {
                counts.put(key, new int[] {row, 1});
                order.add(key);
            } else {
                entry[1]++;
            }
        }
        List<int[]> stats = new ArrayList<>(order.size()); // {first row, count} of each value, in order
        for (Object key : order) {
            stats.add(counts.get(key));
        }
        Integer[] byCount = new Integer[order.size()];
        for (int i = 0; i < byCount.length; i++) {
            byCount[i] = i;
        }
        // A stable sort keeps first appearance among equal counts.
        Arrays.sort(byCount, (a, b) -> Integer.compare(stats.get(b)[1], stats.get(a)[1]));
        int[] firstRows = new int[byCount.length];
        for (int i = 0; i < byCount.length; i++) {
            firstRows[i] = stats.get(byCount[i])[0];
        }
        Column<?> values = Sorting.pick(column, firstRows).setName(column.name());
        String countName = normalize ? "proportion" : "count";
        if (countName.equals(column.name())) {
            countName = countName + "_";
        }
        Column<?> frequencies;
        if (normalize) {
            DoubleColumn proportions = DoubleColumn.create(countName);
            for (Integer index : byCount) {
                proportions.append((double) stats.get(index)[1] / total);
            }
            frequencies = proportions;
        } else {
            LongColumn numbers = LongColumn.create(countName);
            for (Integer index : byCount) {
                numbers.append(stats.get(index)[1]);
            }
            frequencies = numbers;
        }
        return Table.create(name, values, frequencies);
    }
}
