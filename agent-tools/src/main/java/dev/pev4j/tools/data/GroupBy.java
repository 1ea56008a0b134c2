package dev.pev4j.tools.data;

import dev.pev4j.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            throw new DataOpsException(
                    "groupby_agg needs at least one column in by; columns: " + Columns.list(table));
        }
        List<Column<?>> keys = new ArrayList<>();
        for (String key : by) {
            keys.add(Columns.named(table, key));
        }
        if (aggregations.isEmpty()) {
            throw new DataOpsException("groupby_agg needs at least one aggregation, e.g. {\"column\": [\"sum\"]}; "
                    + "columns: " + Columns.list(table));
        }
        record Output(Column<?> source, Aggregation aggregation, String name) {}
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
                Aggregation aggregation = Aggregation.named(function, column.name());
                aggregation.checkApplicable(column);
                String outputName = column.name() + "_" + aggregation.pandasName();
                if (!outputNames.add(outputName)) {
                    throw new DataOpsException(
                            "output column '" + outputName + "' would appear twice; name each column and "
                                    + "aggregation once",
                            column.name(),
                            null);
                }
                outputs.add(new Output(column, aggregation, outputName));
            }
        }

        List<int[]> groups = groups(table, keys);
        int[] firstRows = groups.stream().mapToInt(rows -> rows[0]).toArray();
        Table result = Table.create(name);
        for (Column<?> key : keys) {
            result.addColumns(Sorting.pick(key, firstRows));
        }
        for (Output output : outputs) {
            result.addColumns(output.aggregation().apply(output.source(), groups, output.name()));
        }
        return result;
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
