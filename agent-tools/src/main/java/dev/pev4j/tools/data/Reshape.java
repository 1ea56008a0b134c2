package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** {@code select}, {@code drop}, {@code rename}, {@code concat} and {@code pivot_table}. Stateless. */
final class Reshape {

    private Reshape() {}

    /** {@code df[columns]}: copies of the named columns, in the order given. */
    static Table select(Table table, List<String> names, String name) {
        Table result = Table.create(name);
        Set<String> seen = new HashSet<>();
        for (String column : names) {
            Column<?> source = Columns.named(table, column);
            if (!seen.add(column)) {
                throw new DataOpsException(
                        "column '" + column + "' is listed twice; name each column once", column, null);
            }
            result.addColumns(source.copy());
        }
        return result;
    }

    /** {@code df.drop(columns=…)}: the other columns, in their order. */
    static Table drop(Table table, List<String> names, String name) {
        Set<String> dropped = new HashSet<>();
        for (String column : names) {
            dropped.add(Columns.named(table, column).name());
        }
        Table result = Table.create(name);
        for (Column<?> column : table.columns()) {
            if (!dropped.contains(column.name())) {
                result.addColumns(column.copy());
            }
        }
        return result;
    }

    /** {@code df.rename(columns=mapping)}; unlike pandas an unknown old name is an error, not ignored. */
    static Table rename(Table table, Map<String, String> mapping, String name) {
        for (Map.Entry<String, String> entry : mapping.entrySet()) {
            Columns.named(table, entry.getKey());
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                throw new DataOpsException(
                        "the new name for column '" + entry.getKey() + "' is empty", entry.getKey(), null);
            }
        }
        List<String> newNames = new ArrayList<>();
        for (String old : table.columnNames()) {
            newNames.add(mapping.getOrDefault(old, old));
        }
        checkDistinct(newNames);
        Table result = Table.create(name);
        for (int i = 0; i < table.columnCount(); i++) {
            result.addColumns(table.column(i).copy().setName(newNames.get(i)));
        }
        return result;
    }

    /** Fails when two names are equal ignoring case: Tablesaw, unlike pandas, cannot hold both. */
    static void checkDistinct(List<String> names) {
        Map<String, String> seen = new HashMap<>();
        for (String name : names) {
            String previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (previous != null) {
                throw new DataOpsException(
                        "the result would have two columns named '" + previous + "'"
                                + (previous.equals(name) ? "" : " and '" + name + "'")
                                + "; column names must differ (ignoring case)",
                        name,
                        null);
            }
        }
    }

    /**
     * {@code pd.concat(tables, ignore_index=True)}: the rows of each table in turn; the columns are the union in
     * order of first appearance, missing where a table lacks one. A column that is int64 in one table and float64
     * in another becomes float64; any other mix becomes text.
     */
    static Table concat(List<Table> tables, String name) {
        if (tables.isEmpty()) {
            throw new DataOpsException("concat needs at least one table, e.g. [#E1, #E2]");
        }
        Map<String, List<Column<?>>> byName = new LinkedHashMap<>();
        for (Table table : tables) {
            for (Column<?> column : table.columns()) {
                byName.computeIfAbsent(column.name(), k -> new ArrayList<>()).add(column);
            }
        }
        checkDistinct(new ArrayList<>(byName.keySet()));
        Table result = Table.create(name);
        for (Map.Entry<String, List<Column<?>>> entry : byName.entrySet()) {
            ColumnType type = commonType(entry.getValue());
            Column<?> out = type.create(entry.getKey());
            for (Table table : tables) {
                int index = table.columnNames().indexOf(entry.getKey());
                for (int row = 0; row < table.rowCount(); row++) {
                    if (index < 0 || table.column(index).isMissing(row)) {
                        out.appendMissing();
                    } else {
                        appendConverted(out, table.column(index), row);
                    }
                }
            }
            result.addColumns(out);
        }
        return result;
    }

    private static ColumnType commonType(List<Column<?>> columns) {
        ColumnType first = columns.get(0).type();
        boolean same = columns.stream().allMatch(c -> Dtypes.same(c.type(), first));
        if (same) {
            return first;
        }
        boolean numbers = columns.stream().allMatch(Statistics::numeric);
        return numbers ? ColumnType.DOUBLE : ColumnType.STRING;
    }

    private static void appendConverted(Column<?> out, Column<?> source, int row) {
        if (Dtypes.same(out.type(), source.type())) {
            appendSame(out, source, row);
        } else if (out instanceof DoubleColumn doubles) {
            doubles.append(Cells.doubleValue(source, row));
        } else {
            ((StringColumn) out).append(Cells.pythonStr(source.get(row)));
        }
    }

    @SuppressWarnings("unchecked") // both columns have the same ColumnType, hence the same cell type
    private static <T> void appendSame(Column<T> out, Column<?> source, int row) {
        out.append((Column<T>) source, row);
    }

    /**
     * {@code df.pivot_table(index=…, columns=…, values=…, aggfunc=…)} flattened: the index columns, then one column
     * per distinct value of {@code columns} (sorted), named by that value as Python's {@code str()} writes it. Rows
     * come sorted by index; rows with a missing index or column key are left out; a combination with no rows is
     * missing; rows and then columns that are entirely missing are dropped (pandas' {@code dropna=True}).
     */
    static Table pivotTable(
            Table table, List<String> index, String columns, String values, String aggfunc, String name) {
        if (index.isEmpty()) {
            throw new DataOpsException("pivot_table needs at least one index column; columns: " + Columns.list(table));
        }
        List<Column<?>> indexColumns = new ArrayList<>();
        for (String key : index) {
            indexColumns.add(Columns.named(table, key));
        }
        Column<?> pivot = Columns.named(table, columns);
        Column<?> valueColumn = Columns.named(table, values);
        Aggregation aggregation = Aggregation.named(aggfunc, values);
        aggregation.checkApplicable(valueColumn);

        List<Column<?>> allKeys = new ArrayList<>(indexColumns);
        allKeys.add(pivot);
        // Groups of (index…, column) in key order; then regroup by index and by column value.
        List<int[]> cells = GroupBy.groups(table, allKeys);
        List<Column<?>> onlyIndex = indexColumns;
        List<Integer> rowGroup = new ArrayList<>(); // index group number of each cell
        List<int[]> indexGroups = new ArrayList<>(); // a representative row per index group
        for (int[] cell : cells) {
            int row = cell[0];
            int last = indexGroups.size() - 1;
            if (last < 0 || compareKeys(onlyIndex, indexGroups.get(last)[0], row) != 0) {
                indexGroups.add(new int[] {row});
                last++;
            }
            rowGroup.add(last);
        }
        // Distinct pivot values, sorted.
        Integer[] cellOrder = new Integer[cells.size()];
        for (int i = 0; i < cellOrder.length; i++) {
            cellOrder[i] = i;
        }
        java.util.Arrays.sort(
                cellOrder,
                (a, b) -> Sorting.compareRows(List.of(pivot), List.of(true), cells.get(a)[0], cells.get(b)[0]));
        List<Integer> pivotRows = new ArrayList<>(); // a representative row per pivot value
        Map<Integer, Integer> pivotOfCell = new HashMap<>();
        for (Integer cell : cellOrder) {
            int row = cells.get(cell)[0];
            int last = pivotRows.size() - 1;
            if (last < 0 || Cells.compare(pivot, pivotRows.get(last), row) != 0) {
                pivotRows.add(row);
                last++;
            }
            pivotOfCell.put(cell, last);
        }

        List<Column<?>> outputs = new ArrayList<>();
        for (int p = 0; p < pivotRows.size(); p++) {
            List<int[]> groups = new ArrayList<>();
            int[] position = new int[indexGroups.size()];
            java.util.Arrays.fill(position, -1);
            for (int cell = 0; cell < cells.size(); cell++) {
                if (pivotOfCell.getOrDefault(cell, -1) == p) {
                    position[rowGroup.get(cell)] = groups.size();
                    groups.add(cells.get(cell));
                }
            }
            String columnName = Cells.pythonStr(pivot.get(pivotRows.get(p)));
            Column<?> aggregated = aggregation.apply(valueColumn, groups, columnName);
            outputs.add(Sorting.pick(aggregated, position).setName(columnName));
        }

        // dropna=True: rows where every output is missing, then columns where every remaining row is.
        List<Integer> keptRows = new ArrayList<>();
        for (int g = 0; g < indexGroups.size(); g++) {
            final int group = g;
            if (outputs.stream().anyMatch(c -> !c.isMissing(group))) {
                keptRows.add(g);
            }
        }
        int[] kept = keptRows.stream().mapToInt(Integer::intValue).toArray();
        int[] representatives =
                keptRows.stream().mapToInt(g -> indexGroups.get(g)[0]).toArray();
        List<String> names = new ArrayList<>(index);
        List<Column<?>> keptColumns = new ArrayList<>();
        for (Column<?> output : outputs) {
            Column<?> column = Sorting.pick(output, kept);
            if (column.countMissing() < column.size()) {
                names.add(column.name());
                keptColumns.add(column);
            }
        }
        checkDistinct(names);
        Table result = Table.create(name);
        for (Column<?> key : indexColumns) {
            result.addColumns(Sorting.pick(key, representatives));
        }
        keptColumns.forEach(result::addColumns);
        return result;
    }

    private static int compareKeys(List<Column<?>> keys, int a, int b) {
        return Sorting.compareRows(keys, keys.stream().map(k -> true).toList(), a, b);
    }
}
