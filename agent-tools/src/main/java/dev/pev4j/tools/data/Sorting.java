package dev.pev4j.tools.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Stable multi-key row sorting with missing values last, as pandas' {@code sort_values(kind="stable")}. */
final class Sorting {

    private Sorting() {}

    /** Row numbers of {@code table} in sorted order; ties keep their original order. */
    static int[] order(List<Column<?>> keys, List<Boolean> ascending, int rowCount) {
        Integer[] rows = new Integer[rowCount];
        for (int i = 0; i < rowCount; i++) {
            rows[i] = i;
        }
        Comparator<Integer> comparator = (a, b) -> compareRows(keys, ascending, a, b);
        Arrays.sort(rows, comparator); // a merge sort on objects: stable
        return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
    }

    /** Compares two rows key by key; a missing value sorts after any present one whatever the direction. */
    static int compareRows(List<Column<?>> keys, List<Boolean> ascending, int a, int b) {
        for (int k = 0; k < keys.size(); k++) {
            Column<?> column = keys.get(k);
            boolean missingA = column.isMissing(a);
            boolean missingB = column.isMissing(b);
            int result;
            if (missingA || missingB) {
                result = Boolean.compare(missingA, missingB);
            } else {
                result = Cells.compare(column, a, b);
                if (!ascending.get(k)) {
                    result = -result;
                }
            }
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** A new table with {@code rows} of {@code table} in that order; a row number of -1 gives missing cells. */
    static Table pick(Table table, String name, int[] rows) {
        Table result = Table.create(name);
        for (Column<?> column : table.columns()) {
            result.addColumns(pick(column, rows));
        }
        return result;
    }

    static <T> Column<T> pick(Column<T> column, int[] rows) {
        Column<T> result = column.emptyCopy();
        for (int row : rows) {
            if (row < 0) {
                result.appendMissing();
            } else {
                result.append(column, row);
            }
        }
        return result;
    }
}
