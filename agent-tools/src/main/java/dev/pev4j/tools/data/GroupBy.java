package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code df.groupby(by).agg(aggregations)} with pandas' defaults ({@code sort=True, dropna=True}), done here rather
 * than with Tablesaw's {@code summarize}, whose group order and handling of missing keys differ. Stateless.
 */
final class GroupBy {

    private GroupBy() {}

    static Table aggregate(Table table, List<String> by, Map<String, List<String>> aggregations, String name) {
        if (by.isEmpty()) {
            throw new DataOpsException("groupby_agg needs at least one column in by; columns: " + Columns.list(table));
        }
        List<Column<?>> keys = new ArrayList<>();
        for (String key : by) {
            keys.add(Columns.named(table, key));
        }
        if (aggregations.isEmpty()) {
            throw new DataOpsException("groupby_agg needs at least one aggregation, e.g. {\"column\": [\"sum\"]}; "
                    + "columns: " + Columns.list(table));
        }
        record Output(Column<?> source, @Nullable Aggregation aggregation, double quantile, String name) {}
        List<Output> outputs = new ArrayList<>();
        Set<String> outputNames = new HashSet<>(by);
        for (Map.Entry<String, List<String>> entry : aggregations.entrySet()) {
            Column<?> column = Columns.named(table, entry.getKey());
            List<String> functions = entry.getValue();
            if (functions.isEmpty()) {
                throw new DataOpsException(
                        "no aggregation given for column '" + column.name() + "'; pass e.g. {\"" + column.name()
                                + "\": [\"sum\"]}; aggregations: " + Aggregation.allNames(),
                        column.name(),
                        null);
            }
            for (String function : functions) {
                OptionalDouble quantile = Quantiles.parse(function, column.name());
                Aggregation aggregation = quantile.isPresent() ? null : Aggregation.named(function, column.name());
                if (aggregation != null) {
                    aggregation.checkApplicable(column);
                } else {
                    Windows.checkNumeric(column, "'" + function + "'");
                }
                String outputName = column.name() + "_" + (aggregation == null ? function : aggregation.pandasName());
                if (!outputNames.add(outputName)) {
                    throw new DataOpsException(
                            "output column '" + outputName + "' would appear twice; name each column and "
                                    + "aggregation once",
                            column.name(),
                            null);
                }
                outputs.add(new Output(column, aggregation, quantile.orElse(Double.NaN), outputName));
            }
        }

        Grouping grouping = grouping(table, keys);
        Table result = Table.create(name);
        for (Column<?> key : keys) {
            result.addColumns(Sorting.pick(key, grouping.firstRows()));
        }
        List<int[]> groups = null;
        for (Output output : outputs) {
            if (output.aggregation() == null) {
                groups = groups == null ? grouping.rowsPerGroup() : groups;
                result.addColumns(Quantiles.perGroup(output.source(), groups, output.quantile(), output.name()));
                continue;
            }
            Optional<Column<?>> fast = FastAggregation.apply(
                    output.aggregation(), output.source(), grouping.groupOf(), grouping.count(), output.name());
            if (fast.isPresent()) {
                result.addColumns(fast.get());
            } else {
                groups = groups == null ? grouping.rowsPerGroup() : groups;
                result.addColumns(output.aggregation().apply(output.source(), groups, output.name()));
            }
        }
        return result;
    }

    /**
     * Each row's group number ({@code -1} for a row with a missing key), groups numbered in ascending key order.
     */
    record Grouping(int[] groupOf, int count, int[] firstRows) {

        /** Row numbers per group, in the original order. */
        List<int[]> rowsPerGroup() {
            int[] sizes = new int[count];
            for (int g : groupOf) {
                if (g >= 0) {
                    sizes[g]++;
                }
            }
            int[][] rows = new int[count][];
            for (int g = 0; g < count; g++) {
                rows[g] = new int[sizes[g]];
            }
            int[] filled = new int[count];
            for (int row = 0; row < groupOf.length; row++) {
                int g = groupOf[row];
                if (g >= 0) {
                    rows[g][filled[g]++] = row;
                }
            }
            return Arrays.asList(rows);
        }
    }

    /** Groups the rows: by the keys' {@link Codes} when every key has them, else cell by cell. */
    static Grouping grouping(Table table, List<Column<?>> keys) {
        int rows = table.rowCount();
        List<Codes> codes = new ArrayList<>();
        long combinations = 1;
        for (Column<?> key : keys) {
            Optional<Codes> c = Codes.of(key);
            if (c.isEmpty() || combinations > Long.MAX_VALUE / Math.max(1, c.get().cardinality) / 4) {
                codes = null;
                break;
            }
            codes.add(c.get());
            combinations *= Math.max(1, c.get().cardinality);
        }
        if (codes == null) {
            List<int[]> groups = groups(table, keys);
            int[] groupOf = new int[rows];
            Arrays.fill(groupOf, -1);
            int[] firstRows = new int[groups.size()];
            for (int g = 0; g < groups.size(); g++) {
                firstRows[g] = groups.get(g)[0];
                for (int row : groups.get(g)) {
                    groupOf[row] = g;
                }
            }
            return new Grouping(groupOf, groups.size(), firstRows);
        }
        long[] composite = new long[rows];
        for (Codes c : codes) {
            int cardinality = Math.max(1, c.cardinality);
            for (int row = 0; row < rows; row++) {
                int code = c.codes[row];
                composite[row] = composite[row] < 0 || code < 0 ? -1 : composite[row] * cardinality + code;
            }
        }
        int[] groupOf = new int[rows];
        if (combinations <= Math.max(1 << 20, 2L * rows)) {
            // direct: one slot per key combination, numbered in ascending order
            int[] slots = new int[(int) combinations];
            for (long k : composite) {
                if (k >= 0) {
                    slots[(int) k] = 1;
                }
            }
            int count = 0;
            for (int k = 0; k < slots.length; k++) {
                slots[k] = slots[k] == 0 ? -1 : count++;
            }
            int[] firstRows = new int[count];
            Arrays.fill(firstRows, -1);
            for (int row = 0; row < rows; row++) {
                long k = composite[row];
                int g = k < 0 ? -1 : slots[(int) k];
                groupOf[row] = g;
                if (g >= 0 && firstRows[g] < 0) {
                    firstRows[g] = row;
                }
            }
            return new Grouping(groupOf, count, firstRows);
        }
        // sparse: sort the distinct combinations
        long[] sorted = Arrays.stream(composite).filter(k -> k >= 0).toArray();
        Arrays.parallelSort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        int[] firstRows = new int[distinct];
        Arrays.fill(firstRows, -1);
        for (int row = 0; row < rows; row++) {
            long k = composite[row];
            int g = k < 0 ? -1 : Arrays.binarySearch(sorted, 0, distinct, k);
            groupOf[row] = g;
            if (g >= 0 && firstRows[g] < 0) {
                firstRows[g] = row;
            }
        }
        return new Grouping(groupOf, distinct, firstRows);
    }

    /**
     * Row numbers per group, groups in ascending key order, rows in original order; rows with a missing key are
     * left out.
     */
    static List<int[]> groups(Table table, List<Column<?>> keys) {
        Map<List<Object>, List<Integer>> byKey = new LinkedHashMap<>();
        rows:
        for (int row = 0; row < table.rowCount(); row++) {
            List<Object> key = new ArrayList<>(keys.size());
            for (Column<?> column : keys) {
                if (column.isMissing(row)) {
                    continue rows;
                }
                key.add(column.get(row));
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<int[]> groups = new ArrayList<>();
        for (List<Integer> rows : byKey.values()) {
            groups.add(rows.stream().mapToInt(Integer::intValue).toArray());
        }
        List<Boolean> ascending = keys.stream().map(k -> true).toList();
        groups.sort((a, b) -> Sorting.compareRows(keys, ascending, a[0], b[0]));
        return groups;
    }
}
