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

/** {@code select}, {@code drop}, {@code rename} and {@code concat}; {@code pivot_table} is in {@link PivotTable}. Stateless. */
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
}
