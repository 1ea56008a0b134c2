package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/** Running totals: {@code cumsum}; moving windows are in {@link Transforms}. Stateless. */
final class Windows {

    private Windows() {}

    static void checkNumeric(Column<?> column, String tool) {
        if (Dtypes.kind(column) == Kind.OTHER) {
            throw new DataOpsException(
                    "cannot compute " + tool + " of column '" + column.name() + "': it is " + Dtypes.described(column)
                            + ", not numeric",
                    column.name(),
                    null);
        }
    }

    /**
     * {@code s.cumsum()}: missing cells stay missing and are skipped (the total carries on after them); int64 and
     * bool give int64, float64 gives float64.
     */
    static Column<?> cumsum(Column<?> column, String name) {
        checkNumeric(column, "cumsum");
        if (Dtypes.kind(column) == Kind.FLOATING) {
            DoubleColumn out = DoubleColumn.create(name);
            double total = 0;
            for (int row = 0; row < column.size(); row++) {
                if (column.isMissing(row)) {
                    out.appendMissing();
                } else {
                    total += Cells.doubleValue(column, row);
                    out.append(total);
                }
            }
            return out;
        }
        LongColumn out = LongColumn.create(name);
        long total = 0;
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                out.appendMissing();
            } else {
                total += Cells.longValue(column, row);
                out.append(total);
            }
        }
        return out;
    }
}
