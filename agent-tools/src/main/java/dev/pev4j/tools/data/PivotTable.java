package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code df.pivot_table(index, columns, values, aggfunc, fill_value, margins, margins_name)} as pandas 1.5.3 computes
 * it, flattened into one table: the index columns, then one column per value, aggregation and distinct value of
 * {@code columns}. Each aggregation is pivoted on its own (as pandas does for a list of aggfuncs) and the results are
 * placed side by side, rows in order of first appearance. Stateless.
 *
 * <p>Per aggregation: rows with a missing index or column key are left out; key combinations whose every value
 * aggregates to missing are dropped ({@code dropna=True}); cells are sorted by value name, then column value;
 * {@code fill_value} fills the missing cells; with margins, the {@code All} column per value and the {@code All} row
 * are computed on the raw rows without any missing key or value (not from the cells), the row's cells for column
 * values without such rows take {@code fill_value}; finally columns that are entirely missing are dropped.
 */
final class PivotTable {

    /** The aggregations pandas can add margins to (it fails on size, first and last). */
    static final List<String> MARGIN_FUNCS =
            List.of("mean", "sum", "count", "min", "max", "median", "nunique", "std", "var");

    private PivotTable() {}

    /** One aggregation's result: its rows (index groups, {@code -1} for the margins row) and its columns. */
    private record Piece(List<Integer> rows, List<Column<?>> columns) {}

    static Table pivot(
            Table table,
            List<String> index,
            String columns,
            List<String> values,
            List<String> aggfuncs,
            boolean margins,
            String marginsName,
            @Nullable Double fillValue,
            String name) {
        if (index.isEmpty()) {
            throw new DataOpsException("pivot_table needs at least one index column; columns: " + Columns.list(table));
        }
        if (values.isEmpty()) {
            throw new DataOpsException(
                    "pivot_table needs at least one column in values; columns: " + Columns.list(table));
        }
        if (aggfuncs.isEmpty()) {
            throw new DataOpsException(
                    "pivot_table needs at least one aggfunc, e.g. \"sum\"; aggregations: " + Aggregation.allNames());
        }
        List<Column<?>> indexColumns = new ArrayList<>();
        for (String key : index) {
            indexColumns.add(Columns.named(table, key));
        }
        Column<?> pivot = Columns.named(table, columns);
        Set<String> keys = new HashSet<>(index);
        keys.add(pivot.name());
        List<String> sortedValues = new ArrayList<>();
        for (String value : values) {
            String column = Columns.named(table, value).name();
            if (keys.contains(column)) {
                throw new DataOpsException(
                        "column '" + column + "' is both a key (index or columns) and in values; aggregate another "
                                + "column",
                        column,
                        null);
            }
            if (sortedValues.contains(column)) {
                throw new DataOpsException("column '" + column + "' is listed twice in values", column, null);
            }
            sortedValues.add(column);
        }
        sortedValues.sort(null); // pandas sorts the (value, column value) labels
        List<Aggregation> aggregations = new ArrayList<>();
        for (String function : aggfuncs) {
            Aggregation aggregation = Aggregation.named(function, sortedValues.get(0));
            for (String value : sortedValues) {
                Aggregation.named(function, value).checkApplicable(Columns.named(table, value));
            }
            if (aggregations.contains(aggregation)) {
                throw new DataOpsException("aggfunc '" + function + "' is listed twice");
            }
            if (margins && !MARGIN_FUNCS.contains(aggregation.pandasName())) {
                throw new DataOpsException("margins=true works with " + String.join(", ", MARGIN_FUNCS) + ", not '"
                        + function + "' (pandas fails on it too); leave margins out or aggregate with another "
                        + "function");
            }
            aggregations.add(aggregation);
        }

        GroupBy.Grouping rowGroups = GroupBy.grouping(table, indexColumns);
        GroupBy.Grouping labelGroups = GroupBy.grouping(table, List.of(pivot));
        if (margins) {
            checkMarginsName(indexColumns, rowGroups, pivot, labelGroups, marginsName);
        }
        // Cells: the rows of each (index group, column value) combination, in ascending order of both.
        TreeMap<Long, List<Integer>> byCell = new TreeMap<>();
        int labels = Math.max(1, labelGroups.count());
        for (int row = 0; row < table.rowCount(); row++) {
            int g = rowGroups.groupOf()[row];
            int l = labelGroups.groupOf()[row];
            if (g >= 0 && l >= 0) {
                byCell.computeIfAbsent((long) g * labels + l, k -> new ArrayList<>())
                        .add(row);
            }
        }
        List<int[]> cellRows = new ArrayList<>();
        int[] cellGroup = new int[byCell.size()];
        int[] cellLabel = new int[byCell.size()];
        int c = 0;
        for (Map.Entry<Long, List<Integer>> cell : byCell.entrySet()) {
            cellRows.add(cell.getValue().stream().mapToInt(Integer::intValue).toArray());
            cellGroup[c] = (int) (cell.getKey() / labels);
            cellLabel[c] = (int) (cell.getKey() % labels);
            c++;
        }
        int[] complete = margins ? completeRows(table, rowGroups, labelGroups, sortedValues) : new int[0];

        boolean flat = sortedValues.size() == 1 && aggregations.size() == 1;
        List<Piece> pieces = new ArrayList<>();
        for (Aggregation aggregation : aggregations) {
            pieces.add(piece(
                    table,
                    aggregation,
                    sortedValues,
                    cellRows,
                    cellGroup,
                    cellLabel,
                    rowGroups,
                    labelGroups,
                    pivot,
                    complete,
                    margins,
                    marginsName,
                    fillValue,
                    flat));
        }
        return assemble(pieces, indexColumns, rowGroups, margins, marginsName, name);
    }

    /** pandas: 'Conflicting name "All" in margins' when an index or column value is the margins name. */
    private static void checkMarginsName(
            List<Column<?>> indexColumns,
            GroupBy.Grouping rowGroups,
            Column<?> pivot,
            GroupBy.Grouping labelGroups,
            String marginsName) {
        List<Column<?>> texts = new ArrayList<>();
        List<int[]> firsts = new ArrayList<>();
        for (Column<?> key : indexColumns) {
            texts.add(key);
            firsts.add(rowGroups.firstRows());
        }
        texts.add(pivot);
        firsts.add(labelGroups.firstRows());
        for (int k = 0; k < texts.size(); k++) {
            if (!(texts.get(k) instanceof StringColumn strings)) {
                continue;
            }
            for (int row : firsts.get(k)) {
                if (marginsName.equals(strings.get(row))) {
                    throw new DataOpsException(
                            "Conflicting name \"" + marginsName + "\" in margins: column '" + strings.name()
                                    + "' has that value; pass another margins_name, e.g. \"Total\"",
                            strings.name(),
                            null);
                }
            }
        }
    }

    /** The rows with every key and every value present: pandas computes margins on these. */
    private static int[] completeRows(
            Table table, GroupBy.Grouping rowGroups, GroupBy.Grouping labelGroups, List<String> values) {
        List<Column<?>> valueColumns = new ArrayList<>();
        for (String value : values) {
            valueColumns.add(Columns.named(table, value));
        }
        List<Integer> rows = new ArrayList<>();
        rows:
        for (int row = 0; row < table.rowCount(); row++) {
            if (rowGroups.groupOf()[row] < 0 || labelGroups.groupOf()[row] < 0) {
                continue;
            }
            for (Column<?> value : valueColumns) {
                if (value.isMissing(row)) {
                    continue rows;
                }
            }
            rows.add(row);
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One aggregation pivoted as pandas' {@code __internal_pivot_table}. */
    private static Piece piece(
            Table table,
            Aggregation aggregation,
            List<String> values,
            List<int[]> cellRows,
            int[] cellGroup,
            int[] cellLabel,
            GroupBy.Grouping rowGroups,
            GroupBy.Grouping labelGroups,
            Column<?> pivot,
            int[] complete,
            boolean margins,
            String marginsName,
            @Nullable Double fillValue,
            boolean flat) {
        String f = aggregation.pandasName();
        List<Column<?>> aggregated = new ArrayList<>();
        boolean[] alive = new boolean[cellRows.size()];
        for (String value : values) {
            Column<?> cells = aggregation.apply(Columns.named(table, value), cellRows, value);
            aggregated.add(cells);
            for (int cell = 0; cell < alive.length; cell++) {
                alive[cell] |= !cells.isMissing(cell);
            }
        }
        // dropna: index groups and column values that keep a cell with some present aggregate
        int[] rowOf = new int[rowGroups.count()];
        int[] labelOf = new int[labelGroups.count()];
        Arrays.fill(rowOf, -1);
        Arrays.fill(labelOf, -1);
        for (int cell = 0; cell < alive.length; cell++) {
            if (alive[cell]) {
                rowOf[cellGroup[cell]] = 0;
                labelOf[cellLabel[cell]] = 0;
            }
        }
        List<Integer> groups = number(rowOf);
        List<Integer> presentLabels = number(labelOf);
        int[][] position = new int[groups.size()][presentLabels.size()];
        for (int[] row : position) {
            Arrays.fill(row, -1);
        }
        for (int cell = 0; cell < alive.length; cell++) {
            if (alive[cell]) {
                position[rowOf[cellGroup[cell]]][labelOf[cellLabel[cell]]] = cell;
            }
        }
        List<int[]> marginGroups = margins ? bucket(complete, rowGroups.groupOf(), rowOf, groups.size()) : List.of();
        List<int[]> marginLabels =
                margins ? bucket(complete, labelGroups.groupOf(), labelOf, presentLabels.size()) : List.of();
        List<Column<?>> out = new ArrayList<>();
        for (int v = 0; v < values.size(); v++) {
            Column<?> source = Columns.named(table, values.get(v));
            String prefix = flat ? "" : values.get(v) + "_" + f + "_";
            for (int l = 0; l < presentLabels.size(); l++) {
                int[] picks = new int[groups.size()];
                for (int g = 0; g < groups.size(); g++) {
                    picks[g] = position[g][l];
                }
                String label = prefix + Cells.pythonStr(pivot.get(labelGroups.firstRows()[presentLabels.get(l)]));
                Column<?> column = fill(Sorting.pick(aggregated.get(v), picks), fillValue);
                if (margins) {
                    Column<?> all = aggregation.apply(source, List.of(marginLabels.get(l)), label);
                    column = append(column, all, marginLabels.get(l).length == 0, fillValue);
                }
                out.add(column.setName(label));
            }
            if (margins) {
                String label = prefix + marginsName;
                Column<?> perRow = aggregation.apply(source, marginGroups, label);
                int[] picks = new int[groups.size()];
                for (int g = 0; g < groups.size(); g++) {
                    picks[g] = marginGroups.get(g).length == 0 ? -1 : g;
                }
                Column<?> column = Sorting.pick(perRow, picks);
                Column<?> grand = aggregation.apply(source, List.of(complete), label);
                out.add(append(column, grand, false, null).setName(label));
            }
        }
        List<Column<?>> kept = new ArrayList<>();
        for (Column<?> column : out) {
            if (column.countMissing() < column.size()) {
                kept.add(column);
            }
        }
        List<Integer> rows = new ArrayList<>(groups);
        if (margins) {
            rows.add(-1);
        }
        return new Piece(rows, kept);
    }

    /** {@code rows} split by {@code numbering[groupOf[row]]} into {@code count} lists; rows numbered -1 left out. */
    private static List<int[]> bucket(int[] rows, int[] groupOf, int[] numbering, int count) {
        int[] bucketOf = new int[groupOf.length];
        Arrays.fill(bucketOf, -1);
        for (int row : rows) {
            bucketOf[row] = numbering[groupOf[row]];
        }
        return new GroupBy.Grouping(bucketOf, count, new int[0]).rowsPerGroup();
    }

    /** The indexes of the entries set to 0, numbered in order; sets each such entry to its number. */
    private static List<Integer> number(int[] marks) {
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < marks.length; i++) {
            if (marks[i] == 0) {
                marks[i] = present.size();
                present.add(i);
            }
        }
        return present;
    }

    /** {@code fill_value} in the missing cells; whole numbers stay int64 when the fill is whole. */
    private static Column<?> fill(Column<?> column, @Nullable Double fillValue) {
        if (fillValue == null || column.countMissing() == 0) {
            return column;
        }
        boolean whole = fillValue == Math.rint(fillValue) && Math.abs(fillValue) < 1e15;
        if (column instanceof LongColumn longs && whole) {
            LongColumn out = LongColumn.create(column.name());
            for (int row = 0; row < longs.size(); row++) {
                out.append(longs.isMissing(row) ? fillValue.longValue() : longs.getLong(row));
            }
            return out;
        }
        if (column instanceof LongColumn || column instanceof DoubleColumn) {
            DoubleColumn out = DoubleColumn.create(column.name());
            for (int row = 0; row < column.size(); row++) {
                out.append(column.isMissing(row) ? fillValue : Cells.doubleValue(column, row));
            }
            return out;
        }
        throw new DataOpsException(
                "fill_value " + Cells.pythonStr(fillValue) + " is a number but the cells of '" + column.name()
                        + "' are " + Dtypes.described(column) + "; leave fill_value out or use fillna after the pivot",
                column.name(),
                null);
    }

    /** {@code column} with the first cell of {@code extra} appended (or {@code fill}, or missing, if {@code none}). */
    private static Column<?> append(Column<?> column, Column<?> extra, boolean none, @Nullable Double fill) {
        if (none && fill == null) {
            Column<?> out = column.copy();
            out.appendMissing();
            return out;
        }
        boolean sameType = Dtypes.same(column.type(), extra.type());
        if (!none && sameType) {
            return appendSame(column.copy(), extra);
        }
        if ((column instanceof LongColumn || column instanceof DoubleColumn)
                && (none || extra instanceof LongColumn || extra instanceof DoubleColumn)) {
            double value = none ? fill : Cells.doubleValue(extra, 0);
            if (column instanceof LongColumn longs && value == Math.rint(value) && Math.abs(value) < 1e15) {
                LongColumn out = longs.copy();
                out.append((long) value);
                return out;
            }
            DoubleColumn out = DoubleColumn.create(column.name());
            for (int row = 0; row < column.size(); row++) {
                if (column.isMissing(row)) {
                    out.appendMissing();
                } else {
                    out.append(Cells.doubleValue(column, row));
                }
            }
            out.append(value);
            return out;
        }
        throw new DataOpsException("cannot add margins to column '" + column.name() + "' of " + Dtypes.described(column)
                + "; leave margins out");
    }

    @SuppressWarnings("unchecked") // both columns have the same ColumnType, hence the same cell type
    private static <T> Column<?> appendSame(Column<T> out, Column<?> source) {
        if (source.isMissing(0)) {
            out.appendMissing();
        } else {
            out.append((Column<T>) source, 0);
        }
        return out;
    }

    /**
     * The pieces side by side (pandas' {@code concat(axis=1)}): rows in order of first appearance, missing where a
     * piece has no such row; the index columns first, as text with the margins row.
     */
    private static Table assemble(
            List<Piece> pieces,
            List<Column<?>> indexColumns,
            GroupBy.Grouping rowGroups,
            boolean margins,
            String marginsName,
            String name) {
        Map<Integer, Integer> order = new LinkedHashMap<>();
        for (Piece piece : pieces) {
            for (int group : piece.rows()) {
                order.putIfAbsent(group, order.size());
            }
        }
        List<Integer> rows = new ArrayList<>(order.keySet());
        List<String> names = new ArrayList<>();
        indexColumns.forEach(key -> names.add(key.name()));
        pieces.forEach(piece -> piece.columns().forEach(column -> names.add(column.name())));
        Reshape.checkDistinct(names);
        Table result = Table.create(name);
        for (Column<?> key : indexColumns) {
            int[] picks = rows.stream()
                    .mapToInt(g -> g < 0 ? -1 : rowGroups.firstRows()[g])
                    .toArray();
            Column<?> labels = Sorting.pick(key, picks);
            if (margins) {
                StringColumn text = StringColumn.create(key.name());
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i) < 0) {
                        text.append(key == indexColumns.get(0) ? marginsName : "");
                    } else {
                        text.append(Cells.pythonStr(labels.get(i)));
                    }
                }
                labels = text;
            }
            result.addColumns(labels);
        }
        for (Piece piece : pieces) {
            int[] picks = new int[rows.size()];
            Arrays.fill(picks, -1);
            for (int i = 0; i < piece.rows().size(); i++) {
                picks[order.get(piece.rows().get(i))] = i;
            }
            for (Column<?> column : piece.columns()) {
                result.addColumns(Sorting.pick(column, picks));
            }
        }
        return result;
    }
}
