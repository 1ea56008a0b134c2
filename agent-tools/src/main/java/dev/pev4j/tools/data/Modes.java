package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** {@code s.mode()}, {@code s.idxmax()} and {@code s.idxmin()}. Stateless. */
final class Modes {

    private Modes() {}

    /**
     * {@code df[column].mode(dropna)}: the most frequent value(s), sorted, as a one-column table; ties give several
     * rows. With {@code dropna=false} a missing value counts as a value (and sorts last).
     */
    static Table mode(Table table, Column<?> column, boolean dropna, String name) {
        Map<Object, Integer> counts = new HashMap<>();
        Map<Object, Integer> firstRow = new HashMap<>();
        int missing = 0;
        int best = 0;
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                missing++;
                continue;
            }
            Object value = column.get(row);
            int count = counts.merge(value, 1, Integer::sum);
            firstRow.putIfAbsent(value, row);
            best = Math.max(best, count);
        }
        if (!dropna) {
            best = Math.max(best, missing);
        }
        List<Integer> rows = new ArrayList<>();
        for (Map.Entry<Object, Integer> entry : counts.entrySet()) {
            if (entry.getValue() == best) {
                rows.add(firstRow.get(entry.getKey()));
            }
        }
        rows.sort((a, b) -> Cells.compare(column, a, b));
        if (!dropna && missing > 0 && missing == best) {
            rows.add(-1);
        }
        Table result = Table.create(name);
        result.addColumns(
                Sorting.pick(column, rows.stream().mapToInt(Integer::intValue).toArray()));
        return result;
    }

    /**
     * {@code df[column].idxmax()} / {@code idxmin()}: the row number (0 for the first row, as pandas' default index)
     * of the largest/smallest value; the first on ties; missing values skipped.
     */
    static int idx(Column<?> column, boolean max) {
        Windows.checkNumeric(column, max ? "idxmax" : "idxmin");
        int best = -1;
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                continue;
            }
            if (best < 0) {
                best = row;
                continue;
            }
            int c = Cells.compare(column, row, best);
            if (max ? c > 0 : c < 0) {
                best = row;
            }
        }
        if (best < 0) {
            throw new DataOpsException(
                    "column '" + column.name() + "' has no values, so it has no " + (max ? "idxmax" : "idxmin"),
                    column.name(),
                    null);
        }
        return best;
    }
}
